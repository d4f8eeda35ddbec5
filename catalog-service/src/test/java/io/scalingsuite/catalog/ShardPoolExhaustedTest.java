package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A shard whose pool has no free connection within its acquisition timeout answers like a shard that is down: 503
 * problem+json with Retry-After, and nothing written. Agroal reports the timeout without a SQLState, which made it a
 * 500 before.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class ShardPoolExhaustedTest {

    @Inject
    ShardPools pools;

    @Inject
    Placement placement;

    @Test
    void shouldAnswer503AndWriteNothingWhileTheShardsPoolIsExhausted() throws Exception {
        String category = Fixtures.category();
        String merchant = new ShardCategories(pools, placement).merchantOn(1);
        AgroalDataSource shard = pools.get(1).primary();
        List<Connection> held = new ArrayList<>();
        try {
            // every connection but the one the shard's outbox relay keeps for LISTEN; the brief users (the relay's
            // drains, the category repair) then wait like the request, so none frees one during it
            while (held.size() < shard.getConfiguration().connectionPoolConfiguration().maxSize() - 1) {
                held.add(shard.getConnection());
            }
            given().contentType(ContentType.JSON).body(Fixtures.product(category, merchant))
                    .post("/api/catalog/products")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("/problems/service-unavailable"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        given().get("/api/catalog/products?merchantId=" + merchant).then().statusCode(200).body("items", hasSize(0));
        Fixtures.create(Fixtures.product(category, merchant)); // and served again once a connection is free
    }
}
