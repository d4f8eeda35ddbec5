package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.devinfra.LocalInfra;

/**
 * The scatter-gather pool is bounded: with one thread (and so a queue of one) held by a listing that waits on a
 * locked shard, another catalog-wide listing is refused at once with a 503, instead of starting a thread of its own.
 */
@QuarkusTest
@TestProfile(ScatterPoolFullTest.OneScatterThread.class)
class ScatterPoolFullTest {

    public static class OneScatterThread extends TwoShards {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("catalog.scatter.threads", "1");
            config.put("catalog.scatter.shard-timeout", "PT20S");
            return config;
        }
    }

    @Test
    void shouldRefuseAListingWhenEveryScatterThreadIsBusy() throws Exception {
        try (Connection shard = DriverManager.getConnection(TwoShards.secondShardUrl(), LocalInfra.PG_USER, "");
                Statement lock = shard.createStatement()) {
            shard.setAutoCommit(false);
            lock.execute("LOCK TABLE catalog.product IN ACCESS EXCLUSIVE MODE"); // every read of s1 waits
            CompletableFuture<Integer> holding = CompletableFuture
                    .supplyAsync(() -> given().get("/api/catalog/products?limit=5").statusCode());
            await().atMost(Duration.ofSeconds(15)).until(() -> waitingOnTheLock(shard));

            given().get("/api/catalog/products?limit=6").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("detail", equalTo("The catalog is answering too many listings; try again."));
            shard.rollback();
            holding.join();
        }
    }

    private static boolean waitingOnTheLock(Connection shard) throws Exception {
        try (Statement s = shard.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
