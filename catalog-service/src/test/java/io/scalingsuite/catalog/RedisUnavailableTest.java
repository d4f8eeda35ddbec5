package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With Redis frozen (SIGSTOP: connections open, nothing answered, the worst case for a cache) or gone, every read
 * is answered from PostgreSQL, and a write either is refused with 503 and leaves nothing behind, or (see
 * {@link RedisAfterCommitFaultTest}) answers 2xx and is visible to the next read.
 */
@QuarkusTest
@TestProfile(DedicatedRedis.class)
class RedisUnavailableTest {

    private static final String PRODUCTS = "/api/catalog/products";

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @AfterEach
    void heal() throws Exception {
        DedicatedRedis.heal();
    }

    @Test
    void shouldServeReadsFromPostgresAndCountCacheErrorsWhileRedisIsFrozen() {
        String merchant = Fixtures.unique("m");
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        double errors = Metrics.gets(registry, "product", "error");

        DedicatedRedis.node().pause();
        given().get(PRODUCTS + "/" + id).then().statusCode(200).body("id", equalTo(id)).header("ETag", "\"0\"");
        given().queryParam("merchantId", merchant).get(PRODUCTS).then().statusCode(200).body("items", hasSize(1));

        assertTrue(Metrics.gets(registry, "product", "error") > errors, "the failed lookup is counted");
    }

    @Test
    void shouldSkipAFrozenRedisForReadsOnceItTimedOutRepeatedly() {
        String id = Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m"));
        double skipped = skipped();

        DedicatedRedis.node().pause();
        for (int i = 0; i < 10; i++) {
            given().get(PRODUCTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
        }

        assertEquals(1.0, breakerState(), "open while Redis does not answer");
        assertTrue(skipped() - skipped >= 5, "lookups skipped without waiting for a timeout: " + (skipped() - skipped));
    }

    @Test
    void shouldServeFromTheCacheAgainOnceRedisAnswers() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m"));
        DedicatedRedis.node().pause();
        for (int i = 0; i < 5; i++) {
            given().get(PRODUCTS + "/" + id).then().statusCode(200);
        }
        DedicatedRedis.heal();
        double hits = Metrics.gets(registry, "product", "hit");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            given().get(PRODUCTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
            return Metrics.gets(registry, "product", "hit") > hits;
        });
        assertEquals(0.0, breakerState(), "closed by a probe that Redis answered");
    }

    @Test
    void shouldKeepEventsInTheOutboxWhileRedisIsFrozen() {
        String id = cachedProduct();
        RedisFaultAtCommit.arm(() -> DedicatedRedis.node().pause()); // frozen from the commit of this write on
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 3}")
                .patch(PRODUCTS + "/" + id).then().statusCode(200);

        // The relay keeps trying (and timing out); the write's row must stay put the whole time.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> outboxRowsFor(id) >= 1);
    }

    @Test
    void shouldRefuseWriteAndKeepTheOldVersionWhileRedisIsFrozen() throws Exception {
        String id = cachedProduct();

        DedicatedRedis.node().pause();
        refusedPatch(id);
        DedicatedRedis.node().resume();

        given().get(PRODUCTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"").body("stock", equalTo(7));
    }

    @Test
    void shouldRefuseWriteAndKeepTheOldVersionWhileRedisIsGone() throws Exception {
        String id = cachedProduct();

        DedicatedRedis.node().kill();
        refusedPatch(id);
        DedicatedRedis.node().launch();

        given().get(PRODUCTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"").body("stock", equalTo(7));
        // the refused write left nothing in PostgreSQL: version 0 is still the one to match
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 4}")
                .patch(PRODUCTS + "/" + id).then().statusCode(200).header("ETag", "\"1\"");
    }

    private static String cachedProduct() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get(PRODUCTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"");
        return id;
    }

    private static void refusedPatch(String id) {
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 3}")
                .patch(PRODUCTS + "/" + id).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", equalTo("The cache could not be updated in time; nothing was written."));
    }

    private double breakerState() {
        var gauge = registry.find("catalog.redis-breaker.state").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private double skipped() {
        var counter = registry.find("catalog.redis-breaker.skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    private long outboxRowsFor(String aggregateId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM catalog.outbox WHERE aggregate_id = ?")) {
            s.setObject(1, UUID.fromString(aggregateId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
