package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With Redis unreachable the gateway keeps serving: the cache is bypassed, limits are kept per replica. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldBypassTheCacheAndCountIt() {
        String path = ResponseCacheTest.unique("/api/catalog/echo/");
        ResponseCacheTest.cached("public, max-age=60").get(path).then().statusCode(200).header("X-Cache", "MISS");
        ResponseCacheTest.cached("public, max-age=60").get(path).then().statusCode(200).header("X-Cache", "MISS");
        assertEquals(2, ResponseCacheTest.catalogCount(path));
        assertTrue(count("gateway.cache.failed") > 0, "the Redis failures are counted");
    }

    @Test
    void shouldFallBackToTheLocalRateLimiter() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", TestKeys.TINY).get("/api/catalog/echo").then().statusCode(200);
        }
        given().header("X-API-Key", TestKeys.TINY).get("/api/catalog/echo").then().statusCode(429)
                .header("RateLimit-Limit", "3");
        assertTrue(count("gateway.ratelimit.failed") > 0, "the fallback is counted");
    }

    private double count(String name) {
        return registry.find(name).counters().stream().map(c -> c.count()).reduce(0.0, Double::sum);
    }

    /** Points Redis at a port where nothing listens: every command fails at connect. */
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + socket.getLocalPort(),
                        "gateway.cache.timeout", "PT0.05S", "gateway.rate-limit.timeout", "PT0.05S");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
