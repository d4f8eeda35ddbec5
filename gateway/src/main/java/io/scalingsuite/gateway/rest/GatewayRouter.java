package io.scalingsuite.gateway.rest;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.scalingsuite.gateway.cache.CachingProxy;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.http.HeaderNames;
import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.http.RequestIds;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.metrics.GatewayTracing;
import io.scalingsuite.gateway.proxy.CallerSigner;
import io.scalingsuite.gateway.proxy.CanonicalPath;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.scalingsuite.gateway.proxy.RouteTable;
import io.scalingsuite.gateway.ratelimit.Decision;
import io.scalingsuite.gateway.ratelimit.RateLimiter;
import io.scalingsuite.gateway.security.AccessPolicy;
import io.scalingsuite.gateway.security.Caller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's API port: a plain Vert.x handler on the event loop (no JAX-RS, no worker thread). Order: request
 * id, overload and size guards, caller, rate limit (so every answer carries the RateLimit headers), the canonical
 * path (400 without one) that everything after it decides on, the API documents, route match, access, then reads
 * through the cache and writes straight up, signed for the services. The beans on this path are
 * {@code @Singleton}: unlike {@code @ApplicationScoped} ones they are called without a client proxy, whose
 * lookup would run on every call of every request ({@code make bench} profiles a cache hit).
 */
@Singleton
public class GatewayRouter {

    private static final String ROUTE_KEY = "gateway.route";

    private final RouteTable routes;
    private final CachingProxy cachingProxy;
    private final AccessPolicy access;
    private final RateLimiter rateLimiter;
    private final GatewayMetrics metrics;
    private final OverloadGuard overload;
    private final ApiDocs apiDocs;
    private final GatewayTracing tracing;
    private final String anonymousTier;

    public GatewayRouter(RouteTable routes, CachingProxy cachingProxy, AccessPolicy access, RateLimiter rateLimiter,
            GatewayMetrics metrics, OverloadGuard overload, ApiDocs apiDocs, GatewayTracing tracing,
            GatewayConfig config) {
        this.apiDocs = apiDocs;
        this.tracing = tracing;
        this.overload = overload;
        this.routes = routes;
        this.cachingProxy = cachingProxy;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.anonymousTier = config.rateLimit().anonymousTier();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        if (ProxyHandler.hasBody(ctx.request())) {
            ctx.request().pause(); // nothing is read until the upstream is ready to take the body
        }
        RequestIds.assign(ctx);
        tracing.begin(ctx);
        ctx.addHeadersEndHandler(v -> CompressionVary.add(ctx.response().headers()));
        long start = System.nanoTime();
        ctx.put(ROUTE_KEY, GatewayMetrics.NO_ROUTE);
        ctx.addEndHandler(done -> metrics.served(ctx.get(ROUTE_KEY), ctx.request().method(),
                ctx.response().getStatusCode(), System.nanoTime() - start));
        if (!overload.admit(ctx)) {
            return;
        }
        Caller caller = access.identify(ctx);
        if (!rateLimiter.enabled()) {
            tracing.rateLimit(ctx, "off");
            dispatch(ctx, caller);
            return;
        }
        String tier = caller.key() != null ? caller.key().tier() : anonymousTier;
        Future<Decision> checked = rateLimiter.check(caller.bucket(), tier);
        if (checked.isComplete()) {
            limited(ctx, caller, checked.result()); // decided in memory (a lease): no hop through the task queue
            return;
        }
        Context context = Vertx.currentContext();
        checked.onComplete(done -> context.runOnContext(v -> limited(ctx, caller, done.result())));
    }

    private void limited(RoutingContext ctx, Caller caller, Decision decision) {
        HttpServerResponse response = ctx.response();
        response.putHeader(HeaderNames.RATE_LIMIT_LIMIT, Long.toString(decision.limit()))
                .putHeader(HeaderNames.RATE_LIMIT_REMAINING, Long.toString(decision.remaining()))
                .putHeader(HeaderNames.RATE_LIMIT_RESET, Long.toString(decision.resetSeconds()));
        tracing.rateLimit(ctx, decision.allowed() ? "allowed" : "limited");
        if (decision.allowed()) {
            dispatch(ctx, caller);
        } else {
            response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            Problems.send(ctx, 429, "too-many-requests", "Too Many Requests",
                    "The rate limit of " + decision.limit() + " requests for this client is used up; retry after "
                            + decision.retryAfterSeconds() + " s.");
        }
    }

    private void dispatch(RoutingContext ctx, Caller caller) {
        String path = CanonicalPath.of(ctx.request().path());
        if (path == null) {
            Problems.badPath(ctx);
            return;
        }
        CanonicalPath.set(ctx, path);
        if (ApiDocs.serves(path, ctx.request().method())) {
            if (access.admitToDocs(ctx, caller)) {
                apiDocs.handle(ctx, path);
            }
            return;
        }
        Optional<ProxyRoute> match = routes.match(path);
        if (match.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        ProxyRoute route = match.get();
        ctx.put(ROUTE_KEY, route.prefix());
        tracing.route(ctx, route.prefix());
        if (!access.admit(ctx, caller, route)) {
            return;
        }
        CallerSigner.identify(ctx, caller.identity());
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            cachingProxy.read(ctx, route);
        } else {
            cachingProxy.write(ctx, route);
        }
    }
}
