package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A category create whose copy to another shard failed (the request failed after the first shard committed) is
 * repaired by retrying it with its Idempotency-Key: the answer is replayed and the missing copy made.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class CategoryCopyRetryTest {

    @Inject
    Placement placement;

    @Inject
    ShardPools pools;

    @Test
    void shouldCopyAReplayedCategoryToAShardThatMissesIt() throws SQLException {
        Map<String, Object> body = Map.of("slug", Fixtures.unique("sofas").toLowerCase(), "name", "Sofas");
        String key = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/catalog/categories").then().statusCode(201).extract().path("id");
        deleteCopy(id); // as if the copy to s1 had failed

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/catalog/categories").then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(id));

        given().contentType(ContentType.JSON).body(Fixtures.product(id, merchantOnSecondShard()))
                .post("/api/catalog/products").then().statusCode(201).body("categoryId", equalTo(id));
    }

    private void deleteCopy(String categoryId) throws SQLException {
        try (Connection c = pools.get(1).primary().getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM catalog.category WHERE id = ?")) {
            s.setObject(1, UUID.fromString(categoryId));
            assertEquals(1, s.executeUpdate(), "the copy was on s1");
        }
    }

    private String merchantOnSecondShard() {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 1);
        return merchant;
    }
}
