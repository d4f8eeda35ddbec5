package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.devinfra.LocalInfra;

/**
 * A shard that does not answer in time fails a catalog-wide listing on purpose: 503 problem+json with Retry-After,
 * which the gateway's circuit does not count as a failure of catalog (a slow shard must not close every route).
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class SlowShardTest {

    @Test
    void shouldAnswerADeliberate503WithRetryAfterWhenAShardIsLate() throws Exception {
        try (Connection shard = DriverManager.getConnection(TwoShards.secondShardUrl(), LocalInfra.PG_USER, "");
                Statement lock = shard.createStatement()) {
            shard.setAutoCommit(false);
            lock.execute("LOCK TABLE catalog.product IN ACCESS EXCLUSIVE MODE"); // every read of s1 waits
            given().get("/api/catalog/products?limit=5").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo("/problems/service-unavailable")) // one type for every 503 (README)
                    .body("detail", equalTo("A catalog shard did not answer in time; try again."));
            shard.rollback();
        }
    }
}
