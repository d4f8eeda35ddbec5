package io.scalingsuite.gateway.metrics;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The gateway's sampler (Quarkus uses a {@link Sampler} bean instead of {@code quarkus.otel.traces.sampler}):
 * {@code parentbased_traceidratio} at {@code quarkus.otel.traces.sampler.arg}, with one difference. For a request
 * that starts a trace, {@link GatewayTracing} draws the ratio itself ({@link #admitsNewTrace}) before any id exists,
 * so that a dropped request costs no span at all (its ids, the span builder and this sampler were 3 % of a cache
 * hit's CPU at 10 %); the requests it admits reach the SDK with {@link #ADMITTED} in their parent context and are
 * kept without a second draw, which would keep the ratio's square.
 */
@Singleton
public class GatewaySampler implements Sampler {

    /** Set in the parent context of a new trace's server span the gateway has already admitted. */
    static final ContextKey<Boolean> ADMITTED = ContextKey.named("gateway.trace.admitted");

    private final double ratio;
    private final Sampler ratioOfNewTraces;

    GatewaySampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        this.ratio = Math.max(0, Math.min(1, ratio));
        this.ratioOfNewTraces = Sampler.parentBased(Sampler.traceIdRatioBased(this.ratio));
    }

    /** Whether a request without a parent starts a sampled trace: true for the configured share of them. */
    boolean admitsNewTrace() {
        return ratio >= 1 || ratio > 0 && ThreadLocalRandom.current().nextDouble() < ratio;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (parentContext.get(ADMITTED) != null) {
            return SamplingResult.recordAndSample();
        }
        return ratioOfNewTraces.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "GatewaySampler{" + ratioOfNewTraces.getDescription() + "}";
    }
}
