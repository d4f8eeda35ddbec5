package io.scalingsuite.catalog.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Catalog's server span for every API request (docs/tracing.md), in place of Quarkus' Vert.x HTTP span, which
 * parsed the URI and built a dozen attributes before its sampler decided, for every request, kept or not. This one
 * continues the caller's W3C trace, decides, and labels only a recording (sampled) span: route template, path, status.
 * It is made current on the request's own (duplicated) context, so the REST layer on a worker thread, the Redis
 * client spans, the outbox row's trace context and log lines all see it. With the SDK disabled nothing here runs.
 */
@ApplicationScoped
public class ServerSpans {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    /** Where Quarkus REST leaves the matched resource's path template ("/api/catalog/products/{id}"). */
    private static final String PATH_TEMPLATE = "UrlPathTemplate";
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

    public ServerSpans(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        // the SDK's tracer itself: an injected Tracer is a CDI proxy, looked up again on every call
        this.tracer = openTelemetry.getTracer(ServerSpans.class.getName());
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    // before the other first handlers (the body limit's 413 is a traced answer too)
    void install(@Observes @Priority(Interceptor.Priority.APPLICATION) Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE).handler(this::begin);
        }
    }

    private void begin(RoutingContext ctx) {
        Context parent = propagator.extract(Context.root(), ctx.request().headers(), HEADERS);
        String method = ctx.request().method().name();
        Span server = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
        parent.with(server).makeCurrent(); // on the request's own (duplicated) context, which ends with it
        if (server.isRecording()) { // an unsampled span has nothing to label or end: no end handler for it
            server.setAttribute(METHOD, method);
            server.setAttribute(PATH, ctx.request().path());
            server.setAttribute(SCHEME, ctx.request().scheme());
            ctx.addEndHandler(done -> {
                label(ctx, server, method, done.failed());
                server.end();
            });
        }
        ctx.next();
    }

    private static void label(RoutingContext ctx, Span server, String method, boolean failed) {
        if (ctx.request() instanceof HttpServerRequestInternal request
                && request.context().getLocal(PATH_TEMPLATE) instanceof String template) {
            server.setAttribute(ROUTE, template);
            server.updateName(method + " " + template);
        }
        int status = ctx.response().getStatusCode();
        server.setAttribute(STATUS, (long) status);
        if (status >= 500 || failed) {
            server.setStatus(StatusCode.ERROR);
        }
    }
}
