package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** Shared rate limits: headers on every answer, 429 with Retry-After past the limit. */
@QuarkusTest
class RateLimitTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldSendRateLimitHeadersOnEveryAnswer() {
        given().get("/api/catalog/echo").then().statusCode(200)
                .header("RateLimit-Limit", "1000000")
                .header("RateLimit-Remaining", matchesPattern("\\d+"))
                .header("RateLimit-Reset", matchesPattern("\\d+"));
        given().get("/nowhere").then().statusCode(404).header("RateLimit-Limit", "1000000");
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceTheKeysLimitIsUsedUp() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().header("X-API-Key", TestKeys.TINY).get("/api/catalog/echo").then().statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }
        given().header("X-API-Key", TestKeys.TINY).header("X-Request-Id", "rl-1").get("/api/catalog/echo").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .header("RateLimit-Remaining", "0")
                .body("type", equalTo("/problems/too-many-requests"))
                .body("requestId", equalTo("rl-1"));
        var limited = registry.find("gateway.ratelimit.decided").tag("decision", "limited").tag("mode", "redis")
                .functionCounter();
        assertTrue(limited != null && limited.count() >= 1, "the refusal is counted");
    }
}
