package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A write that answers 2xx is visible to the next read even when Redis is slow, or freezes or dies between the
 * write's mark and its after-commit step (the moment that left the old entry servable for the product TTL).
 */
@QuarkusTest
@TestProfile(DedicatedRedis.class)
class RedisAfterCommitFaultTest {

    private static final String PRODUCTS = "/api/catalog/products/";

    @Inject
    MeterRegistry registry;

    @AfterEach
    void heal() throws Exception {
        DedicatedRedis.heal();
    }

    @Test
    void shouldShowWriteOnNextReadWhenRedisIsSlowerThanReadsButWithinTheWriteTimeout() {
        String id = cachedProduct();

        DedicatedRedis.node().pause();
        CompletableFuture.runAsync(() -> DedicatedRedis.node().resume(),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        patch(id).statusCode(200).header("ETag", "\"1\"");

        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"1\"").body("stock", equalTo(3));
    }

    @Test
    void shouldShowWriteOnNextReadWhenRedisFreezesJustBeforeItsCommit() {
        String id = cachedProduct();

        RedisFaultAtCommit.arm(() -> DedicatedRedis.node().pause());
        patch(id).statusCode(200).header("ETag", "\"1\"");
        DedicatedRedis.node().resume();

        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"1\"").body("stock", equalTo(3));
    }

    @Test
    void shouldShowWriteOnNextReadWhenRedisDiesJustBeforeItsCommit() throws Exception {
        String id = cachedProduct();
        String other = cachedProduct();

        double invalidateErrors = Metrics.errors(registry, "invalidate");
        RedisFaultAtCommit.arm(() -> DedicatedRedis.node().kill());
        patch(id).statusCode(200).header("ETag", "\"1\"");
        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"1\""); // from PostgreSQL meanwhile
        assertTrue(Metrics.errors(registry, "invalidate") > invalidateErrors, "the after-commit step failed");
        // Its retries back off in the background (100 ms, doubling). The fault under test is Redis staying away
        // through several of them: a duration, not a state to wait for.
        Thread.sleep(3_000);
        DedicatedRedis.node().launch(); // with what it persisted: the old entry, and the write's mark
        double hits = Metrics.gets(registry, "product", "hit");
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).until(() -> {
            given().get(PRODUCTS + other).then().statusCode(200);
            return Metrics.gets(registry, "product", "hit") > hits; // the cache answers again
        });

        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"1\"").body("stock", equalTo(3));
    }

    private static String cachedProduct() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"0\"");
        given().get(PRODUCTS + id).then().statusCode(200).header("ETag", "\"0\""); // a hit: the entry is there
        return id;
    }

    private static ValidatableResponse patch(String id) {
        return given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"stock\": 3}").patch(PRODUCTS + id).then();
    }
}
