package io.scalingsuite.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A frozen Redis (SIGSTOP: connections open, no answers) costs reads a timeout only until the breaker opens: then
 * the cache, the rate limiter and read-your-writes skip Redis and the reads go upstream at once; once Redis answers
 * again a probe closes the breaker and the cache serves again.
 */
@QuarkusTest
@TestProfile(PausableRedis.class)
class RedisBreakerTest {

    @Inject
    MeterRegistry registry;

    @AfterEach
    void thaw() {
        PausableRedis.node().resume();
    }

    @Test
    void shouldSkipAFrozenRedisOnceItTimedOutRepeatedly() {
        double skippedBefore = skipped();
        PausableRedis.node().pause();

        for (int i = 0; i < 10; i++) {
            String path = ResponseCacheTest.unique("/api/catalog/echo/");
            ResponseCacheTest.cached("public, max-age=60").header("X-API-Key", TestKeys.WRITER).get(path).then()
                    .statusCode(200).header("X-Cache", "MISS");
            assertEquals(1, ResponseCacheTest.catalogCount(path), "answered by the upstream");
        }

        assertEquals(1.0, state(), "open while Redis does not answer");
        assertTrue(skipped() - skippedBefore >= 10, "Redis calls skipped without waiting for a timeout: "
                + (skipped() - skippedBefore));
    }

    @Test
    void shouldServeFromTheCacheAgainOnceRedisAnswers() {
        PausableRedis.node().pause();
        for (int i = 0; i < 5; i++) {
            ResponseCacheTest.cached("public, max-age=60").get(ResponseCacheTest.unique("/api/catalog/echo/")).then()
                    .statusCode(200);
        }
        PausableRedis.node().resume();
        String path = ResponseCacheTest.unique("/api/catalog/echo/");

        await().atMost(Duration.ofSeconds(10)).until(() -> "HIT".equals(ResponseCacheTest.cached("public, max-age=60")
                .get(path).then().statusCode(200).extract().header("X-Cache")));
        assertEquals(0.0, state(), "closed by a probe that Redis answered");
    }

    private double state() {
        var gauge = registry.find("gateway.redis-breaker.state").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private double skipped() {
        var counter = registry.find("gateway.redis-breaker.skipped").counter();
        return counter == null ? 0 : counter.count();
    }
}
