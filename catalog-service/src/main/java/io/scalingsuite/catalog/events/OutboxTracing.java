package io.scalingsuite.catalog.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.scalingsuite.contracts.events.StreamFields;

/**
 * The relay's span (docs/tracing.md): one {@code outbox publish} per batch, a root of its own (it runs after the
 * writes, on the relay's thread) with a link to the span of each write in the batch that was traced.
 */
@ApplicationScoped
public class OutboxTracing {

    /** The span's name. */
    public static final String PUBLISH = "outbox publish";
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("catalog.event.id");
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(StreamFields.TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return StreamFields.TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public OutboxTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Started, not current: the caller makes it current around the append and ends it. */
    Span publishing(String stream, List<OutboxRows.Row> batch) {
        SpanBuilder builder = tracer.spanBuilder(PUBLISH).setSpanKind(SpanKind.PRODUCER).setNoParent()
                .setAllAttributes(Attributes.of(AttributeKey.stringKey("messaging.system"), "redis",
                        AttributeKey.stringKey("messaging.destination.name"), stream,
                        AttributeKey.longKey("messaging.batch.message_count"), (long) batch.size()));
        for (OutboxRows.Row row : batch) {
            SpanContext write = writeSpan(row.traceparent());
            if (write.isValid()) {
                builder.addLink(write, Attributes.of(EVENT_ID, row.eventId()));
            }
        }
        return builder.startSpan();
    }

    /** The span a {@code traceparent} names; invalid for null or a malformed one. */
    static SpanContext writeSpan(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
        return Span.fromContext(extracted).getSpanContext();
    }
}
