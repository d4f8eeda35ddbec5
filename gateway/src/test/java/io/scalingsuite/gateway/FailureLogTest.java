package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.gateway.metrics.GatewayTracing;
import io.scalingsuite.gateway.rest.FailureProblems;
import io.vertx.ext.web.Router;

/**
 * A request that fails inside the gateway is logged with its trace's ids (docs/tracing.md), also when the trace
 * is not sampled and its span was therefore never made current.
 */
@QuarkusTest
class FailureLogTest {

    private static final String FAILING = "/test/failing-handler";

    /** A handler that throws after the gateway's first steps, as a bug in any later one would. */
    @Singleton
    static class FailingRoute {
        void install(@Observes Router router, GatewayTracing tracing) {
            router.route(FAILING).order(Integer.MIN_VALUE).handler(ctx -> {
                tracing.begin(ctx);
                throw new IllegalStateException("a bug");
            });
        }
    }

    @Test
    void shouldLogAFailureWithTheIdsOfAnUnsampledTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        List<String> logged;
        try (CapturedLog log = CapturedLog.of(FailureProblems.class)) {
            given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00").get(FAILING).then()
                    .statusCode(500).contentType("application/problem+json")
                    .body("type", equalTo("/problems/internal-error"), "detail", not(containsString("a bug")));
            logged = log.records().stream().map(r -> r.getMdc("traceId") + " " + r.getMdc("sampled")).toList();
        }
        assertEquals(List.of(traceId + " false"), logged);
    }
}
