package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.events.OutboxPublisher;
import io.scalingsuite.catalog.events.OutboxTracing;
import io.scalingsuite.contracts.events.StreamFields;
import io.vertx.mutiny.redis.client.Response;

/**
 * A write's trace goes with its event (docs/tracing.md): the REST span continues the caller's traceparent, the
 * outbox row keeps that span's context, the stream entry carries it as optional fields and the relay's publish
 * span links to it; rows without it are published as before.
 */
@QuarkusTest
class TracingTest {

    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String SAMPLED = "01";

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxPublisher publisher;

    @Test
    void shouldCarryTheWritesSpanOnTheStreamEntry() {
        String traceId = traceId();
        String id = given().header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
                .contentType(ContentType.JSON).body(Fixtures.product(Fixtures.category(), "acme"))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");

        SpanData write = serverSpan(traceId);
        assertEquals(CALLER_SPAN, write.getParentSpanId(), "the caller's trace is continued");
        Map<String, String> entry = await().atMost(Duration.ofSeconds(10)).until(() -> entry(id), Optional::isPresent)
                .orElseThrow();
        assertEquals("00-" + traceId + "-" + write.getSpanId() + "-01", entry.get(StreamFields.TRACEPARENT));
    }

    @Test
    void shouldLinkThePublishSpanToTheWritesSpan() {
        String traceId = traceId();
        given().header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01").contentType(ContentType.JSON)
                .body(Fixtures.product(Fixtures.category(), "acme")).post("/api/catalog/products").then()
                .statusCode(201);

        SpanData write = serverSpan(traceId);
        SpanData publish = await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(OutboxTracing.PUBLISH))
                .filter(span -> span.getLinks().stream().map(LinkData::getSpanContext)
                        .anyMatch(linked -> linked.getSpanId().equals(write.getSpanId())))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertFalse(publish.getParentSpanContext().isValid(), "a root of its own, linked, not a child");
        assertEquals(traceId, publish.getLinks().stream().map(LinkData::getSpanContext)
                .filter(linked -> linked.getSpanId().equals(write.getSpanId())).findFirst().orElseThrow().getTraceId());
    }

    @Test
    void shouldPublishRowsWithAndWithoutTraceContextInOneBatch() throws Exception {
        String traced = UUID.randomUUID().toString();
        String untraced = UUID.randomUUID().toString();
        String traceparent = "00-" + traceId() + "-" + CALLER_SPAN + "-01";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO catalog.outbox (event_id, event_type, aggregate_type, aggregate_id, "
                    + "aggregate_version, occurred_at, payload, traceparent) VALUES "
                    + "(gen_random_uuid(), 'TraceTest', 'Test', '" + untraced + "', 0, now(), '{}', NULL), "
                    + "(gen_random_uuid(), 'TraceTest', 'Test', '" + traced + "', 0, now(), '{}', '" + traceparent
                    + "')");
        }
        publisher.drainOnce();

        Map<String, String> old = await().atMost(Duration.ofSeconds(10)).until(() -> entry(untraced),
                Optional::isPresent).orElseThrow();
        Map<String, String> linked = await().atMost(Duration.ofSeconds(10)).until(() -> entry(traced),
                Optional::isPresent).orElseThrow();
        assertEquals(7, old.size(), "an untraced row's entry has the event's fields only: " + old);
        assertFalse(old.containsKey(StreamFields.TRACEPARENT));
        assertEquals(traceparent, linked.get(StreamFields.TRACEPARENT));
        assertEquals("TraceTest", linked.get(StreamFields.TYPE));
        assertEquals(8, linked.size(), "the event's fields and the traceparent: " + linked);
    }

    @Test
    void shouldNameTheReadsServerSpanByItsRouteAndLabelIt() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String traceId = tracedRead(id, SAMPLED);

        SpanData read = serverSpan(traceId);
        assertEquals(CALLER_SPAN, read.getParentSpanId());
        assertEquals("GET /api/catalog/products/{id}", read.getName());
        assertEquals("/api/catalog/products/{id}", read.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals("/api/catalog/products/" + id, read.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals(200L, read.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    }

    @Test
    void shouldRecordTheReadsRedisCallsAsChildrenOfItsServerSpan() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String traceId = tracedRead(id, SAMPLED);

        List<SpanData> spans = SpanCapture.trace(exporter, traceId, found -> found.stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER)
                && found.stream()
                        .anyMatch(span -> span.getKind() == SpanKind.CLIENT));
        SpanData read = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertTrue(spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .allMatch(span -> span.getParentSpanId().equals(read.getSpanId())), "the cache lookup's: " + spans);
        SpanData lookup = spans.stream().filter(span -> span.getName().equals("EVALSHA")).findFirst().orElseThrow();
        assertEquals("redis", lookup.getAttributes().get(AttributeKey.stringKey("db.system.name")));
    }

    @Test
    void shouldRecordTheStatementsOfASampledMissAsChildrenOfItsServerSpan() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String traceId = tracedRead(id, SAMPLED); // a product's first read: a cache miss, loaded from PostgreSQL

        List<SpanData> spans = SpanCapture.trace(exporter, traceId, found -> found.stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER)
                && found.stream().anyMatch(TracingTest::isStatement));
        SpanData read = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData select = spans.stream().filter(TracingTest::isStatement).findFirst().orElseThrow();
        assertEquals(read.getSpanId(), select.getParentSpanId(), "the statement's parent: " + spans);
        assertTrue(select.getName().startsWith("SELECT"), "a read's statement: " + select.getName());
    }

    @Test
    void shouldRecordNothingForACallerThatDidNotSample() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        String unsampled = tracedRead(id, "00");
        String sampled = tracedRead(id, SAMPLED);

        serverSpan(sampled); // spans are exported in the order they ended: the unsampled read's would be in by now
        assertEquals(List.of(), exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(unsampled)).toList(), "an unsampled trace records nothing");
    }

    /** A PostgreSQL statement's client span, under either name the semantic conventions give the system. */
    private static boolean isStatement(SpanData span) {
        return span.getKind() == SpanKind.CLIENT
                && ("postgresql".equals(span.getAttributes().get(AttributeKey.stringKey("db.system")))
                        || "postgresql".equals(span.getAttributes().get(AttributeKey.stringKey("db.system.name"))));
    }

    /** Reads the product in a new trace with the caller's trace flags ("01": sampled); the trace id. */
    private static String tracedRead(String productId, String flags) {
        String traceId = traceId();
        given().header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-" + flags)
                .get("/api/catalog/products/" + productId).then().statusCode(200);
        return traceId;
    }

    /** The REST span of the request in {@code traceId}: its server span, whose parent is the caller's. */
    private SpanData serverSpan(String traceId) {
        return SpanCapture.trace(exporter, traceId, found -> found.stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER)).stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    }

    /** The stream entry of the aggregate, as a field map. */
    private Optional<Map<String, String>> entry(String aggregateId) {
        for (Response entry : redis.execute("XRANGE", publisher.stream(), "-", "+")) {
            Response fields = entry.get(1);
            Map<String, String> event = new HashMap<>();
            if (fields.isMap()) {
                fields.getKeys().forEach(name -> event.put(name, fields.get(name).toString()));
            }
            for (int i = 0; !fields.isMap() && i < fields.size(); i += 2) {
                event.put(fields.get(i).toString(), fields.get(i + 1).toString());
            }
            if (aggregateId.equals(event.get(StreamFields.AGGREGATE_ID))) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
