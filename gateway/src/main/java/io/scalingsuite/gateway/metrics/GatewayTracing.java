package io.scalingsuite.gateway.metrics;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's spans (docs/tracing.md). Quarkus records the server span of every request and continues the
 * client's W3C trace; this labels it with the route, the rate-limit decision and the cache result, and records the
 * upstream call as its child (a client span whose {@code traceparent} goes upstream). With tracing off (the SDK
 * disabled) the current span is invalid and nothing here is done.
 */
@Singleton
public class GatewayTracing {

    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gateway.route");
    public static final AttributeKey<String> CACHE = AttributeKey.stringKey("gateway.cache.result");
    public static final AttributeKey<String> RATE_LIMIT = AttributeKey.stringKey("gateway.rate_limit.decision");
    public static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("gateway.upstream");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final String SERVER_KEY = "gateway.span.server";
    private static final String CLIENT_KEY = "gateway.span.client";
    private static final String CACHE_HEADER = "X-Cache";

    private final Tracer tracer;

    public GatewayTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Takes the request's server span (current on the request's context now, not in later callbacks). */
    public void begin(RoutingContext ctx) {
        Span server = Span.current();
        if (!server.getSpanContext().isValid()) {
            return;
        }
        ctx.put(SERVER_KEY, server);
        ctx.addHeadersEndHandler(v -> {
            String cache = ctx.response().headers().get(CACHE_HEADER);
            if (cache != null) {
                label(ctx, CACHE, cache);
            }
        });
    }

    /** The route prefix the request matched: an attribute, and the server span's name ("GET /api/catalog"). */
    public void route(RoutingContext ctx, String prefix) {
        Span server = ctx.get(SERVER_KEY);
        if (server != null) {
            server.setAttribute(ROUTE, prefix);
            server.updateName(ctx.request().method().name() + " " + prefix);
        }
    }

    /** {@code allowed}, {@code limited}, or {@code off} when rate limiting is disabled. */
    public void rateLimit(RoutingContext ctx, String decision) {
        label(ctx, RATE_LIMIT, decision);
    }

    /**
     * Starts the client span of the call to route {@code upstream} ("GET catalog"), a child of the server span,
     * labelled like it; ended when the
     * exchange ends (the upstream's answer relayed, stored or replaced), so it carries the cache result too.
     */
    public void startUpstream(RoutingContext ctx, String upstream, String prefix) {
        Span server = ctx.get(SERVER_KEY);
        if (server == null || ctx.get(CLIENT_KEY) != null) {
            return;
        }
        Span client = tracer.spanBuilder(ctx.request().method().name() + " " + upstream)
                .setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(server)).setAttribute(ROUTE, prefix)
                .setAttribute(UPSTREAM, upstream).startSpan();
        String decision = ctx.get(RATE_LIMIT.getKey());
        if (decision != null) {
            client.setAttribute(RATE_LIMIT, decision);
        }
        ctx.put(CLIENT_KEY, client);
        ctx.addEndHandler(done -> client.end());
    }

    /** Writes the client span's {@code traceparent} (and {@code tracestate}) over what the headers carried. */
    public void propagate(RoutingContext ctx, MultiMap out) {
        Span client = ctx.get(CLIENT_KEY);
        if (client != null) {
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(client), out,
                    (headers, name, value) -> headers.set(name, value));
        }
    }

    /** The upstream's status, or the failure that ended the call. */
    public void upstreamAnswered(RoutingContext ctx, int status, Throwable failure) {
        Span client = ctx.get(CLIENT_KEY);
        if (client == null) {
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

    private static void label(RoutingContext ctx, AttributeKey<String> key, String value) {
        ctx.put(key.getKey(), value);
        Span server = ctx.get(SERVER_KEY);
        if (server != null) {
            server.setAttribute(key, value);
        }
        Span client = ctx.get(CLIENT_KEY);
        if (client != null) {
            client.setAttribute(key, value);
        }
    }
}
