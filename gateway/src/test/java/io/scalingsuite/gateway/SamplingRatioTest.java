package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * New traces at a ratio of one half (docs/tracing.md): the gateway draws the ratio once, before any span exists,
 * and a dropped trace still sends its upstream a valid, unsampled {@code traceparent}.
 */
@QuarkusTest
@TestProfile(SamplingRatioTest.HalfOfNewTraces.class)
class SamplingRatioTest {

    private static final int REQUESTS = 200;

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void shouldKeepTheConfiguredShareOfNewTracesNotItsSquare() {
        long sampled = traceparentsSentUpstream().stream().filter(sent -> sent.endsWith("-01")).count();
        // binomial(200, 0.5): 70..130 is beyond four standard deviations both ways; drawn twice (0.25) it is ~50
        assertTrue(sampled >= 70 && sampled <= 130, sampled + " of " + REQUESTS + " new traces sampled");
    }

    @Test
    void shouldSendAValidUnsampledTraceparentUpstreamAndRecordNothingForADroppedTrace() {
        List<String> dropped = traceparentsSentUpstream().stream().filter(sent -> sent.endsWith("-00")).toList();
        assertTrue(dropped.size() > 0, "some new traces dropped");
        dropped.forEach(sent -> assertTrue(sent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), sent));
        Set<String> droppedTraces = Set.copyOf(dropped.stream().map(sent -> sent.substring(3, 35)).toList());
        assertEquals(dropped.size(), droppedTraces.size(), "each dropped request has a trace id of its own");

        String sampled = UUID.randomUUID().toString().replace("-", "");
        given().header("traceparent", "00-" + sampled + "-00f067aa0ba902b7-01").get("/api/views/echo").then()
                .statusCode(200);
        SpanCapture.trace(exporter, sampled,
                spans -> spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        List<SpanData> recorded = exporter.getFinishedSpanItems().stream()
                .filter(span -> droppedTraces.contains(span.getTraceId())).toList();
        assertEquals(List.of(), recorded, "a dropped trace records nothing");
    }

    @Test
    void shouldBeTheSamplerOfTheSdk() {
        String description = ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().getSampler().getDescription();
        assertTrue(description.contains("GatewaySampler"), description);
    }

    private static List<String> traceparentsSentUpstream() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            sent.add(given().get("/api/views/echo").then().statusCode(200).extract().path("'h:traceparent'"));
        }
        return sent;
    }

    public static class HalfOfNewTraces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler.arg", "0.5");
        }
    }
}
