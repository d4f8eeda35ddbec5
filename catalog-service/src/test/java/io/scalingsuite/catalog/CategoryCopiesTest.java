package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.repository.CategoryRepository;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * The second shard's category copies follow the first shard's, which is the authority: a copy changed, missing or
 * left over is repaired without a write, reading and writing only the copies that differ, and a lagging copy never
 * lets a product into a deleted category.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class CategoryCopiesTest {

    @Inject
    ShardPools pools;

    @Inject
    Placement placement;

    @Inject
    MeterRegistry registry;

    ShardCategories shards;

    @BeforeEach
    void shards() {
        shards = new ShardCategories(pools, placement);
    }

    @Test
    void shouldApplyARenameAndAMoveToTheOtherShard() throws Exception {
        String parent = Categories.create("Parent", null);
        String id = Categories.create("Child", null);

        Categories.patch(id, "\"0\"", "{\"name\": \"Moved child\", \"parentId\": \"" + parent + "\"}").then()
                .statusCode(200);

        assertTrue(shards.tree(1).get(id).endsWith("|Moved child|" + parent + "|1"),
                "the copy is written before the answer: " + shards.tree(1).get(id));
    }

    @Test
    void shouldRepairACopyThatWasChangedDeletedOrLeftOver() throws Exception {
        String renamed = Categories.create("Renamed", null);
        String missing = Categories.create("Missing", null);
        Categories.patch(renamed, "\"0\"", "{\"name\": \"Renamed once\"}").then().statusCode(200);
        String leftOver = UUID.randomUUID().toString();

        shards.execute(1, "UPDATE catalog.category SET name = 'Old', version = 0 WHERE id = ?",
                UUID.fromString(renamed));
        shards.execute(1, "DELETE FROM catalog.category WHERE id = ?", UUID.fromString(missing));
        shards.insertStaleCopy(1, leftOver);

        await().atMost(Duration.ofSeconds(10)).until(shards::sameOnBoth);
    }

    @Test
    void shouldReadAndWriteOnlyTheCopiesThatDrifted() throws Exception {
        for (int i = 0; i < 30; i++) {
            Categories.create("Bystander " + i, null);
        }
        String renamed = Categories.create("Renamed", null);
        String missing = Categories.create("Missing", null);
        Categories.patch(renamed, "\"0\"", "{\"name\": \"Renamed once\"}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(shards::sameOnBoth);
        double fetched = Metrics.copiesFetched(registry, "s1");
        double upserted = Metrics.copyRepairs(registry, "s1", "upsert");
        double deleted = Metrics.copyRepairs(registry, "s1", "delete");

        shards.execute(1, "UPDATE catalog.category SET name = 'Old', version = 0 WHERE id = ?",
                UUID.fromString(renamed));
        shards.execute(1, "DELETE FROM catalog.category WHERE id = ?", UUID.fromString(missing));
        shards.insertStaleCopy(1, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(10)).until(shards::sameOnBoth);

        assertTrue(shards.tree(0).size() >= 32, "a tree larger than the drift: " + shards.tree(0).size());
        assertEquals(2, Metrics.copiesFetched(registry, "s1") - fetched, "authority rows read in full");
        assertEquals(2, Metrics.copyRepairs(registry, "s1", "upsert") - upserted, "copies upserted");
        assertEquals(1, Metrics.copyRepairs(registry, "s1", "delete") - deleted, "copies deleted");
    }

    @Test
    void shouldDeleteEveryCopyBeforeAnswering() throws Exception {
        String id = Categories.create("Short-lived", null);
        assertTrue(shards.tree(1).containsKey(id));

        Categories.delete(id, "\"0\"").then().statusCode(204);

        assertFalse(shards.tree(0).containsKey(id));
        assertFalse(shards.tree(1).containsKey(id));
    }

    @Test
    void shouldRefuseADeleteWhileAProductOnTheOtherShardUsesIt() throws Exception {
        String id = Categories.create("Used elsewhere", null);
        Fixtures.createProduct(id, shards.merchantOn(1));

        Categories.delete(id, "\"0\"").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The category is still used by products; it can only be deleted empty."));

        assertEquals(shards.tree(0).get(id), shards.tree(1).get(id));
        given().get(Categories.PATH + "/" + id).then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void shouldRefuseAProductOnALaggingShardInACategoryTheAuthorityDeleted() throws Exception {
        String id = Categories.create("Deleted", null);
        Categories.delete(id, null).then().statusCode(204);

        try (Connection authority = pools.get(0).primary().getConnection()) {
            authority.setAutoCommit(false);
            try (Statement s = authority.createStatement()) { // no repair pass while the stale copy is there
                s.execute("SELECT pg_advisory_xact_lock(" + CategoryRepository.COPIES_LOCK + ")");
            }
            shards.insertStaleCopy(1, id);

            given().contentType(ContentType.JSON).body(Fixtures.product(id, shards.merchantOn(1)))
                    .post("/api/catalog/products").then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("categoryId"))
                    .body("detail", equalTo("Category " + id + " does not exist."));
            authority.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !shards.tree(1).containsKey(id));
    }
}
