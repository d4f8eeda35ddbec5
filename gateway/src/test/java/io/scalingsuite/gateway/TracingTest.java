package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.gateway.metrics.GatewayTracing;

/**
 * One trace per request (docs/tracing.md): the server span labelled with route, cache result and rate-limit
 * decision, and for a request that goes upstream a client span under it whose context is the traceparent the
 * upstream receives.
 */
@QuarkusTest
class TracingTest {

    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    Instance<Optional<ExemplarSampler>> exemplarSampler;

    @Test
    void shouldRecordTheUpstreamCallAsAChildOfTheServerSpanOnAMiss() {
        String traceId = traceId();
        String path = "/api/catalog/echo/" + UUID.randomUUID();
        String sent = given().header("traceparent", traceparent(traceId)).queryParam("cc", "public, max-age=60")
                .get(path).then().statusCode(200).header("X-Cache", "MISS").extract().path("'h:traceparent'");

        List<SpanData> spans = SpanCapture.trace(exporter, traceId, TracingTest::bothEnded);
        SpanData server = only(spans, SpanKind.SERVER);
        SpanData upstream = upstream(spans);
        assertEquals(CLIENT_SPAN, server.getParentSpanId(), "the client's trace is continued");
        assertEquals("GET /api/catalog", server.getName());
        assertEquals(server.getSpanId(), upstream.getParentSpanId());
        assertEquals("00-" + traceId + "-" + upstream.getSpanId() + "-01", sent, "the upstream's parent is the call");
        assertEquals("/api/catalog", server.getAttributes().get(GatewayTracing.HTTP_ROUTE));
        assertEquals("/api/catalog", upstream.getAttributes().get(GatewayTracing.ROUTE));
        for (SpanData span : List.of(server, upstream)) {
            assertEquals("MISS", span.getAttributes().get(GatewayTracing.CACHE), span.getName());
            assertEquals("allowed", span.getAttributes().get(GatewayTracing.RATE_LIMIT), span.getName());
        }
        assertEquals("catalog", upstream.getAttributes().get(GatewayTracing.UPSTREAM));
    }

    @Test
    void shouldRecordOnlyTheServerSpanOnAHit() {
        String path = "/api/catalog/echo/" + UUID.randomUUID();
        List<SpanData> spans = tracedHit(path);
        SpanData server = only(spans, SpanKind.SERVER);
        assertEquals("HIT", server.getAttributes().get(GatewayTracing.CACHE));
        assertEquals("/api/catalog", server.getAttributes().get(GatewayTracing.HTTP_ROUTE));
        assertEquals(List.of(), spans.stream().filter(span -> span.getAttributes().get(GatewayTracing.UPSTREAM) != null)
                .toList(), "no upstream call");
    }

    @Test
    void shouldRecordACachedReadAsOneServerSpanWithItsHttpAttributes() {
        String path = "/api/catalog/echo/" + UUID.randomUUID();
        List<SpanData> spans = tracedHit(path);
        assertEquals(1, spans.size(), "one span per cached read (no span per Redis command): " + spans);
        SpanData server = spans.get(0);
        assertEquals("GET /api/catalog", server.getName());
        assertEquals(CLIENT_SPAN, server.getParentSpanId());
        assertEquals("GET", server.getAttributes().get(AttributeKey.stringKey("http.request.method")));
        assertEquals(path, server.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals("/api/catalog", server.getAttributes().get(GatewayTracing.HTTP_ROUTE));
        assertEquals(6, server.getAttributes().size(), "method, path, route, rate limit, cache, status: " + server);
        assertEquals(200L, server.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    }

    @Test
    void shouldRecordNothingForATraceTheClientDidNotSampleAndPassTheDecisionUpstream() {
        String traceId = traceId();
        String sent = given().header("traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-00")
                .queryParam("cc", "public, max-age=60").get("/api/catalog/echo/" + UUID.randomUUID()).then()
                .statusCode(200).header("X-Cache", "MISS").extract().path("'h:traceparent'");
        String sampled = traceId();
        given().header("traceparent", traceparent(sampled)).get("/api/views/echo").then().statusCode(200);

        SpanCapture.trace(exporter, sampled, TracingTest::bothEnded); // spans are exported in order: all in by now
        assertEquals(List.of(), exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList(), "an unsampled trace records nothing");
        assertTrue(sent.matches("00-" + traceId + "-[0-9a-f]{16}-00"), sent);
        assertNotEquals("00-" + traceId + "-" + CLIENT_SPAN + "-00", sent,
                "the call upstream has a parent id of its own");
    }

    @Test
    void shouldStartANewTraceForAMalformedTraceparent() {
        String sent = given().header("traceparent", "00-zzzz-not-a-trace").get("/api/views/echo").then()
                .statusCode(200).body("'h:traceparent'", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
                .extract().path("'h:traceparent'");
        String traceId = sent.substring(3, 35);

        List<SpanData> spans = SpanCapture.trace(exporter, traceId, TracingTest::bothEnded);
        SpanData server = only(spans, SpanKind.SERVER);
        assertFalse(server.getParentSpanContext().isValid(), "a new trace, not a continued one");
        assertEquals(server.getSpanId(), upstream(spans).getParentSpanId());
        assertEquals("/api/views", server.getAttributes().get(GatewayTracing.HTTP_ROUTE));
    }

    @Test
    void shouldStartANewTraceForARequestWithoutTraceparent() {
        String sent = given().get("/api/views/echo").then().statusCode(200)
                .body("'h:traceparent'", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
                .extract().path("'h:traceparent'");

        List<SpanData> spans = SpanCapture.trace(exporter, sent.substring(3, 35), TracingTest::bothEnded);
        SpanData server = only(spans, SpanKind.SERVER);
        assertFalse(server.getParentSpanContext().isValid(), "a new trace");
        assertEquals(server.getSpanId(), upstream(spans).getParentSpanId());
        assertEquals("GET /api/views", server.getName());
    }

    @Test
    void shouldPassTheUpstreamCallNotTheClientsSpanAsTheParentOfAWrite() {
        String traceId = traceId();
        String sent = given().header("X-API-Key", TestKeys.WRITER).header("traceparent", traceparent(traceId))
                .post("/api/catalog/echo").then().statusCode(200).extract().path("'h:traceparent'");

        List<SpanData> spans = SpanCapture.trace(exporter, traceId, TracingTest::bothEnded);
        assertNotEquals("00-" + traceId + "-" + CLIENT_SPAN + "-01", sent);
        assertEquals("00-" + traceId + "-" + upstream(spans).getSpanId() + "-01", sent);
    }

    @Test
    void shouldGiveTheMetricsRegistryNoExemplarSampler() {
        // no span is current while the gateway records its metrics: looking one up for every value was waste
        assertEquals(Optional.empty(), exemplarSampler.get());
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> ofKind = spans.stream().filter(span -> span.getKind() == kind).toList();
        assertEquals(1, ofKind.size(), kind + " spans in " + spans);
        return ofKind.get(0);
    }

    /** Spans are exported as they end: the server span and the upstream call's are both in. */
    private static boolean bothEnded(List<SpanData> spans) {
        return spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)
                && spans.stream().anyMatch(span -> span.getAttributes().get(GatewayTracing.UPSTREAM) != null);
    }

    /** The call upstream (the trace may hold the Redis client's spans too). */
    private static SpanData upstream(List<SpanData> spans) {
        List<SpanData> calls = spans.stream().filter(span -> span.getAttributes().get(GatewayTracing.UPSTREAM) != null)
                .toList();
        assertEquals(1, calls.size(), "upstream calls in " + spans);
        assertEquals(SpanKind.CLIENT, calls.get(0).getKind());
        return calls.get(0);
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + CLIENT_SPAN + "-01";
    }

    /** The path's response cached by a first read, then read again in a sampled trace: that trace's spans. */
    private List<SpanData> tracedHit(String path) {
        given().queryParam("cc", "public, max-age=60").get(path).then().statusCode(200).header("X-Cache", "MISS");
        String traceId = traceId();
        given().header("traceparent", traceparent(traceId)).queryParam("cc", "public, max-age=60").get(path).then()
                .statusCode(200).header("X-Cache", "HIT");
        return SpanCapture.trace(exporter, traceId, found -> found.stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER));
    }
}
