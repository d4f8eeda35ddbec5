package io.scalingsuite.gateway.metrics;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's spans (docs/tracing.md). The server span of every request is the gateway's own (Quarkus' Vert.x HTTP
 * instrumentation is off: it computed a dozen attributes per request before sampling, recorded or not): it continues
 * the client's W3C trace and is labelled with the route, the rate-limit decision and the cache result only when
 * sampled. The upstream call is its child (a client span whose {@code traceparent} goes upstream). With tracing off
 * (the SDK disabled) nothing here runs; unsampled, only the sampling decision, and a non-recording span with ids once
 * something needs them (the call upstream, a log line): a cache hit that starts an unsampled trace has none.
 */
@Singleton
public class GatewayTracing {

    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gateway.route");
    public static final AttributeKey<String> CACHE = AttributeKey.stringKey("gateway.cache.result");
    public static final AttributeKey<String> RATE_LIMIT = AttributeKey.stringKey("gateway.rate_limit.decision");
    public static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("gateway.upstream");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    private static final String SERVER_KEY = "gateway.span.server";
    private static final String CLIENT_KEY = "gateway.span.client";
    private static final String CACHE_HEADER = "X-Cache";
    private static final String TRACEPARENT = "traceparent";
    /** The server span of a new trace the sampler dropped, until something needs its ids. */
    private static final Object NOT_SAMPLED = new Object();
    private static final Context ADMITTED = Context.root().with(GatewaySampler.ADMITTED, Boolean.TRUE);
    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final boolean enabled;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final GatewaySampler sampler;
    private final IdGenerator ids = IdGenerator.random();

    public GatewayTracing(OpenTelemetry openTelemetry, GatewaySampler sampler,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.sampler = sampler;
        // the SDK's tracer itself: an injected Tracer is a CDI proxy, looked up again on every call
        this.tracer = openTelemetry.getTracer(GatewayTracing.class.getName());
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * Starts the request's server span, a child of the client's valid {@code traceparent} (else a new trace, which
     * {@link GatewaySampler} admits or drops before any span exists); a sampled one is labelled as it ends. It is
     * not made current: {@link #attach} does that before the request logs
     * (setting the MDC was 2 % of a cache hit's samples unsampled, 6 % of a sampled one's, for lines that are almost
     * never written); the gateway's own spans take their parent from the request, not from the current context.
     */
    public void begin(RoutingContext ctx) {
        if (!enabled) {
            return;
        }
        MultiMap headers = ctx.request().headers();
        Context parent;
        if (headers.contains(TRACEPARENT)) {
            parent = propagator.extract(Context.root(), headers, HEADERS);
        } else if (sampler.admitsNewTrace()) {
            parent = ADMITTED; // no traceparent, no parent: the propagators (trace context, baggage) would find nothing
        } else {
            ctx.put(SERVER_KEY, NOT_SAMPLED);
            return;
        }
        String method = ctx.request().method().name();
        Span server = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
        ctx.put(SERVER_KEY, server);
        if (!server.isRecording()) {
            return; // an unsampled span has nothing to label or end: no handler for it
        }
        server.setAttribute(METHOD, method);
        server.setAttribute(PATH, ctx.request().path());
        ctx.addHeadersEndHandler(v -> {
            String cache = ctx.response().headers().get(CACHE_HEADER);
            if (cache != null) {
                label(ctx, CACHE, cache);
            }
        });
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            server.setAttribute(STATUS, (long) status);
            if (status >= 500 || done.failed()) {
                server.setStatus(StatusCode.ERROR);
            }
            server.end();
        });
    }

    /**
     * Makes the request's server span current on the request's own (duplicated) context, which ends with it: call
     * it before the request logs, so that the line carries the span's ids.
     */
    public void attach(RoutingContext ctx) {
        Span server = server(ctx);
        if (server != null && Span.current() != server) {
            Context.current().with(server).makeCurrent();
        }
    }

    /**
     * The route prefix the request matched: {@code http.route}, and the server span's name ("GET /api/catalog").
     * Every attribute is marshalled again for each exported span (the largest part of exporting one), so the server
     * span has no copy of it under the gateway's name, nor the constant {@code url.scheme}.
     */
    public void route(RoutingContext ctx, String prefix) {
        Span server = recording(ctx);
        if (server != null) {
            server.setAttribute(HTTP_ROUTE, prefix);
            server.updateName(ctx.request().method().name() + " " + prefix);
        }
    }

    /** {@code allowed}, {@code limited}, or {@code off} when rate limiting is disabled. */
    public void rateLimit(RoutingContext ctx, String decision) {
        label(ctx, RATE_LIMIT, decision);
    }

    /**
     * Starts the client span of the call to route {@code upstream} ("GET catalog"), a child of the server span,
     * labelled like it; ended when the exchange ends (the upstream's answer relayed, stored or replaced), so it
     * carries the cache result too. Unsampled, it only gives the upstream a parent id of its own.
     */
    public void startUpstream(RoutingContext ctx, String upstream, String prefix) {
        Span server = server(ctx);
        if (server == null || ctx.get(CLIENT_KEY) != null) {
            return;
        }
        Span client = tracer.spanBuilder(ctx.request().method().name() + " " + upstream)
                .setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(server)).startSpan();
        ctx.put(CLIENT_KEY, client);
        if (client.isRecording()) {
            client.setAttribute(ROUTE, prefix);
            client.setAttribute(UPSTREAM, upstream);
            String decision = ctx.get(RATE_LIMIT.getKey());
            if (decision != null) {
                client.setAttribute(RATE_LIMIT, decision);
            }
            ctx.addEndHandler(done -> client.end());
        }
    }

    /** Writes the client span's {@code traceparent} (and {@code tracestate}) over what the headers carried. */
    public void propagate(RoutingContext ctx, MultiMap out) {
        Span client = ctx.get(CLIENT_KEY);
        if (client != null) {
            propagator.inject(Context.root().with(client), out, (headers, name, value) -> headers.set(name, value));
        }
    }

    /** The upstream's status, or the failure that ended the call. */
    public void upstreamAnswered(RoutingContext ctx, int status, Throwable failure) {
        Span client = ctx.get(CLIENT_KEY);
        if (client == null || !client.isRecording()) {
            return;
        }
        if (failure != null) {
            client.recordException(failure);
            client.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        } else {
            client.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                client.setStatus(StatusCode.ERROR);
            }
        }
    }

    /** The request's server span: for a dropped new trace, a non-recording one whose ids are drawn now. */
    private Span server(RoutingContext ctx) {
        Object server = ctx.get(SERVER_KEY);
        if (server == NOT_SAMPLED) {
            Span dropped = Span.wrap(SpanContext.create(ids.generateTraceId(), ids.generateSpanId(),
                    TraceFlags.getDefault(), TraceState.getDefault()));
            ctx.put(SERVER_KEY, dropped);
            return dropped;
        }
        return (Span) server;
    }

    /** The request's server span if it is recording (sampled), else null. */
    private static Span recording(RoutingContext ctx) {
        return ctx.get(SERVER_KEY) instanceof Span server && server.isRecording() ? server : null;
    }

    private static void label(RoutingContext ctx, AttributeKey<String> key, String value) {
        Span server = recording(ctx);
        if (server == null) {
            return;
        }
        ctx.put(key.getKey(), value);
        server.setAttribute(key, value);
        Span client = ctx.get(CLIENT_KEY);
        if (client != null) {
            client.setAttribute(key, value);
        }
    }
}
