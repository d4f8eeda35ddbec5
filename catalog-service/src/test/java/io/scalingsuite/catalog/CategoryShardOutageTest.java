package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Category writes while the second shard's database refuses connections: renames, moves and creates commit on the
 * authority and reach the second shard within seconds of it answering again, with no manual step; a delete, which
 * must ask every shard whether a product uses the category, is refused with 503 and deletes nothing.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class CategoryShardOutageTest {

    @Inject
    ShardPools pools;

    @Inject
    Placement placement;

    @Test
    void shouldBringTheSecondShardUpToDateWhenItAnswersAgain() throws Exception {
        ShardCategories shards = new ShardCategories(pools, placement);
        String parent = Categories.create("Parent", null);
        String moved = Categories.create("Moved", null);
        String kept = Categories.create("Kept", null);
        String created;

        ShardCategories.secondShardReachable(false);
        try {
            Categories.patch(moved, "\"0\"", "{\"name\": \"Moved away\", \"parentId\": \"" + parent + "\"}").then()
                    .statusCode(200).body("version", equalTo(1));
            created = Categories.create("Created meanwhile", parent);
            Categories.delete(kept, "\"0\"").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("type", equalTo("/problems/service-unavailable"));
        } finally {
            ShardCategories.secondShardReachable(true);
            // as after a restart: drop the pool's dead connections now, not one failed call at a time
            pools.get(1).primary().flush(AgroalDataSource.FlushMode.INVALID);
        }

        await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(shards::sameOnBoth);
        given().get(Categories.PATH + "/" + kept).then().statusCode(200);
        Fixtures.createProduct(created, shards.merchantOn(1));
    }
}
