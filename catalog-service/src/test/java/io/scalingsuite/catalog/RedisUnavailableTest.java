package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With Redis silent, every read and write still succeeds from PostgreSQL, and the errors are counted. */
@QuarkusTest
@TestProfile(SilentRedis.class)
class RedisUnavailableTest {

    private static final String PRODUCTS = "/api/catalog/products";

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void shouldServeReadsFromPostgresAndCountCacheErrors() {
        String merchant = Fixtures.unique("m");
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        double errors = Metrics.gets(registry, "product", "error");

        given().get(PRODUCTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
        given().queryParam("merchantId", merchant).get(PRODUCTS).then().statusCode(200).body("items", hasSize(1));

        assertTrue(Metrics.gets(registry, "product", "error") > errors, "the failed lookup is counted");
    }

    @Test
    void shouldKeepEventsInTheOutboxWhileRedisIsSilent() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        // The relay keeps trying (and timing out); the row must stay put the whole time.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> outboxRowsFor(id) == 1);
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

    @Test
    void shouldAcceptWritesAndShowThem() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 1}")
                .patch(PRODUCTS + "/" + id).then().statusCode(200);

        given().get(PRODUCTS + "/" + id).then().statusCode(200).body("stock", equalTo(1));
        assertTrue(Metrics.errors(registry, "invalidate") > 0, "the failed invalidation is counted");
    }
}
