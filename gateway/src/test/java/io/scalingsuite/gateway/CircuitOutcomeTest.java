package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which upstream answers count against a route's circuit (threshold 3 here): a deliberate 503 (problem+json with
 * Retry-After) or a client too slow with its body does not, a plain 503, a 502, a 504 or a refused connection does.
 * One route per test.
 */
@QuarkusTest
class CircuitOutcomeTest {

    /** A route whose timeout is 1 s. */
    static final String SLOW_BODY = "out-slow-body";
    /** Routes to the "circuit" upstream; {@link #DEAD} points at a port nothing listens on. */
    static final List<String> ROUTES = List.of("out-deliberate", "out-shard", "out-503", "out-502", "out-504",
            SLOW_BODY);
    static final String DEAD = "out-dead";

    private static final int THRESHOLD = 3;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldNotOpenTheCircuitOnDeliberate503s() {
        for (int i = 0; i < THRESHOLD + 2; i++) {
            given().get("/api/out-deliberate/deliberate503").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("/problems/service-unavailable")).body("upstream", equalTo("circuit"));
        }

        assertEquals(0, state("out-deliberate"), "closed");
        assertEquals(0, failures("out-deliberate", "status-5xx"), "a deliberate answer is no upstream failure");
        given().get("/api/out-deliberate/echo").then().statusCode(200).body("upstream", equalTo("circuit"));
    }

    @Test
    void shouldStillAnswerProductByIdWhileAListingAnswersDeliberate503s() {
        for (int i = 0; i < THRESHOLD + 2; i++) {
            given().get("/api/out-shard/deliberate503/products").then().statusCode(503)
                    .body("upstream", equalTo("circuit")); // the upstream's answer, not the gateway's
        }

        given().get("/api/out-shard/item/7").then().statusCode(200)
                .body("upstream", equalTo("circuit")).body("id", equalTo("7"));
    }

    @Test
    void shouldNotCountASlowClientBodyAsAnUpstreamTimeout() throws IOException {
        for (int i = 0; i < THRESHOLD; i++) {
            try (Socket slow = RawHttp.open("GET /api/" + SLOW_BODY + "/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")) { // and then nothing
                assertEquals(408, RawHttp.status(slow), "the client's fault, answered when the route's timeout passed");
            }
        }

        assertEquals(0, state(SLOW_BODY), "closed");
        assertEquals(0, failures(SLOW_BODY, "timeout"));
        given().get("/api/" + SLOW_BODY + "/echo").then().statusCode(200).body("upstream", equalTo("circuit"));
    }

    @ParameterizedTest
    @CsvSource({ "out-503, status/503, 503, status-5xx", "out-502, status/502, 502, status-5xx",
            "out-504, status/504, 504, status-5xx", "out-dead, echo, 502, connect" })
    void shouldOpenTheCircuitOnUpstreamFailures(String route, String path, int status, String reason) {
        for (int i = 0; i < THRESHOLD; i++) {
            given().get("/api/" + route + "/" + path).then().statusCode(status);
        }

        assertEquals(1, state(route), "open");
        assertEquals(THRESHOLD, failures(route, reason));
        given().get("/api/" + route + "/echo").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("/problems/service-unavailable"));
    }

    private double state(String route) {
        return registry.find("gateway.circuit.state").tag("route", route).gauge().value();
    }

    private double failures(String route, String reason) {
        var counter = registry.find("gateway.upstream.failed").tag("route", route).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
