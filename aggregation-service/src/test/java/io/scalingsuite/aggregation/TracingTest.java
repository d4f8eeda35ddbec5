package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.aggregation.events.ApplyTracing;

/**
 * The apply span of an event links to the span of the write that made it, from the entry's optional traceparent
 * (docs/tracing.md), and the apply's SQL statements are its children; an entry without a traceparent (older, or an
 * untraced write) is applied just the same.
 */
@QuarkusTest
class TracingTest {

    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("catalog.event.id");
    private static final String WRITE_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    private CatalogStream stream;
    private UUID category;

    @BeforeEach
    void publishCategory() {
        stream = new CatalogStream(redis, key);
        category = UUID.randomUUID();
        stream.publish("CategoryCreated", category, 0, CatalogStream.category(category, "lamps-" + category, null));
    }

    @Test
    void shouldLinkTheApplySpanToTheWritesSpan() {
        UUID product = UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID eventId = stream.publishTraced("ProductCreated", product,
                CatalogStream.product(product, category, "acme", 2_500, 4), "00-" + traceId + "-" + WRITE_SPAN + "-01");

        awaitCard(product);
        SpanData apply = applySpan(eventId);
        assertEquals(SpanKind.CONSUMER, apply.getKind());
        assertFalse(apply.getParentSpanContext().isValid(), "linked to the write, not its child");
        assertEquals(List.of(traceId + "/" + WRITE_SPAN), apply.getLinks().stream().map(LinkData::getSpanContext)
                .map(linked -> linked.getTraceId() + "/" + linked.getSpanId()).toList());
        assertEquals("APPLIED", apply.getAttributes().get(AttributeKey.stringKey("aggregation.outcome")));
    }

    @Test
    void shouldRecordTheApplysStatementsUnderIt() {
        SpanData apply = applyUntraced(); // its statements ended before it: exported with it or earlier
        List<SpanData> statements = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(apply.getSpanId())).toList();
        assertTrue(statements.stream().allMatch(TracingTest::isStatement), "only statements under it: " + statements);
        assertTrue(statements.stream().anyMatch(span -> span.getName().startsWith("INSERT")),
                "the card's insert among them: " + statements.stream().map(SpanData::getName).toList());
    }

    @Test
    void shouldApplyAnEntryWithoutTraceContext() {
        SpanData apply = applyUntraced();
        assertEquals(List.of(), apply.getLinks().stream().map(LinkData::getSpanContext)
                .filter(SpanContext::isValid).toList());
        assertEquals("APPLIED", apply.getAttributes().get(AttributeKey.stringKey("aggregation.outcome")));
    }

    @Test
    void shouldApplyAnEntryWithAMalformedTraceparent() {
        UUID product = UUID.randomUUID();
        UUID eventId = stream.publishTraced("ProductCreated", product,
                CatalogStream.product(product, category, "acme", 2_500, 4), "00-not-a-trace");

        awaitCard(product);
        assertEquals(List.of(), applySpan(eventId).getLinks());
    }

    /** A PostgreSQL statement's client span, under either name the semantic conventions give the system. */
    private static boolean isStatement(SpanData span) {
        return span.getKind() == SpanKind.CLIENT
                && ("postgresql".equals(span.getAttributes().get(AttributeKey.stringKey("db.system")))
                        || "postgresql".equals(span.getAttributes().get(AttributeKey.stringKey("db.system.name"))));
    }

    /** Publishes a product's creation without trace context; its apply span once the card is there. */
    private SpanData applyUntraced() {
        UUID product = UUID.randomUUID();
        UUID eventId = stream.publish("ProductCreated", product, 0,
                CatalogStream.product(product, category, "acme", 2_500, 4));
        awaitCard(product);
        return applySpan(eventId);
    }

    private static void awaitCard(UUID product) {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/views/products/" + product)
                .statusCode() == 200);
    }

    private SpanData applySpan(UUID eventId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(ApplyTracing.APPLY))
                .filter(span -> eventId.toString().equals(span.getAttributes().get(EVENT_ID))).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
