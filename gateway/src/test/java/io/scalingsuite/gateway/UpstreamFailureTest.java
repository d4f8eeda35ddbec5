package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** Timeouts, retries, passive health and circuit breakers, against upstreams that really fail. */
@QuarkusTest
class UpstreamFailureTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldAnswer504WhenUpstreamIsSlowerThanTheRouteTimeout() {
        given().header("X-Request-Id", "slow-1").get("/api/flaky/delay/3000").then().statusCode(504)
                .time(lessThan(2_500L))
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/gateway-timeout"))
                .body("requestId", equalTo("slow-1"));
    }

    @Test
    void shouldPassUpstreamAnswersWithinTheTimeout() {
        given().get("/api/flaky/delay/100").then().statusCode(200).body("upstream", equalTo("flaky"));
    }

    @Test
    void shouldRetryGetOnAnotherAddressWhenConnectFailsAndSkipTheFailedAddress() {
        double before = connectRetries("retry");
        for (int i = 0; i < 6; i++) {
            given().get("/api/retry/echo").then().statusCode(200).body("upstream", equalTo("a"));
        }
        double retries = connectRetries("retry");
        assertTrue(retries > 0, "the retry is counted");
        assertTrue(retries - before <= 1, "after one failure the dead address is skipped (passive health)");
    }

    @Test
    void shouldAnswer502WhenNoAddressAcceptsConnections() {
        Upstreams.down("c");
        try {
            given().header("X-Request-Id", "down-1").get("/api/views/echo").then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/bad-gateway"))
                    .body("detail", equalTo("The service behind this route could not be reached."))
                    .body("requestId", equalTo("down-1"));
        } finally {
            Upstreams.up("c");
        }
        given().get("/api/views/echo").then().statusCode(200);
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndAnswer503AtOnce() {
        for (int i = 0; i < 3; i++) {
            given().get("/api/breaker/status/500").then().statusCode(500).body("upstream", equalTo("breaker"));
        }
        given().get("/api/breaker/echo").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/service-unavailable"));
        assertEquals(0, Upstreams.count("breaker", "/api/breaker/echo"), "an open circuit sends nothing upstream");
        assertTrue(count("gateway.circuit.opened", "breaker") >= 1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/api/breaker/echo").then().statusCode(200));
    }

    private double connectRetries(String route) {
        var counter = registry.find("gateway.retries.attempted").tag("route", route).tag("reason", "connect").counter();
        return counter == null ? 0 : counter.count();
    }

    private double count(String name, String route) {
        var counter = registry.find(name).tag("route", route).counter();
        return counter == null ? 0 : counter.count();
    }
}
