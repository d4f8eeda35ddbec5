package io.scalingsuite.catalog.redis;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * A client span per Redis command of a sampled request (docs/tracing.md), in place of Quarkus' Redis client spans:
 * those extracted a command's attributes before the sampler decided, for every command, and inspected every HTTP
 * request for being a Redis command. Here a command outside a recording span costs one look at the current context.
 * The span ends when the command answers, fails, or is given up (a caller's timeout cancels it).
 */
@ApplicationScoped
public class RedisSpans {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");

    private final boolean enabled;
    private final Tracer tracer;

    public RedisSpans(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.tracer = openTelemetry.getTracer(RedisSpans.class.getName());
    }

    /** {@code call}, in a client span named {@code command} when the current span is recorded. */
    public <T> Uni<T> around(String command, Supplier<Uni<T>> call) {
        if (!enabled) {
            return call.get();
        }
        Context parent = Context.current();
        if (!Span.fromContext(parent).isRecording()) {
            return call.get();
        }
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(command).setSpanKind(SpanKind.CLIENT).setParent(parent)
                    .setAttribute(SYSTEM, "redis").setAttribute(OPERATION, command).startSpan();
            return call.get().onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getMessage());
                } else if (cancelled) {
                    span.setStatus(StatusCode.ERROR, "given up");
                }
                span.end();
            });
        });
    }
}
