package io.scalingsuite.aggregation.events;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.StreamFields;

/**
 * The consumer's span (docs/tracing.md): one {@code event apply} per stream entry, a root of its own (it runs
 * after the write, often much later) with a span link to the write's span when the entry carries the optional
 * {@link StreamFields#TRACEPARENT}; entries without it (older ones, untraced writes) get a span without a link.
 */
@ApplicationScoped
public class ApplyTracing {

    /** The span's name. */
    public static final String APPLY = "event apply";
    private static final TextMapGetter<Map<String, String>> FIELDS = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(Map<String, String> fields) {
            return List.of(StreamFields.TRACEPARENT, StreamFields.TRACESTATE);
        }

        @Override
        public String get(Map<String, String> fields, String key) {
            return fields == null ? null : fields.get(key);
        }
    };

    private final Tracer tracer;

    public ApplyTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Started, not current: the caller makes it current around the apply and ends it. */
    Span applying(String streamId, Map<String, String> fields, CatalogEvent<?> event) {
        SpanBuilder builder = tracer.spanBuilder(APPLY).setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(AttributeKey.stringKey("messaging.system"), "redis")
                .setAttribute(AttributeKey.stringKey("messaging.message.id"), streamId)
                .setAttribute(AttributeKey.stringKey("catalog.event.id"), event.eventId().toString())
                .setAttribute(AttributeKey.stringKey("catalog.event.type"), event.type().wireName());
        SpanContext write = Span.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), fields,
                FIELDS)).getSpanContext();
        if (write.isValid()) {
            builder.addLink(write);
        }
        return builder.startSpan();
    }
}
