package io.scalingsuite.gateway.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.http.HeaderNames;
import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.proxy.CanonicalPath;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads through the shared cache, writes straight up with a purge of the tags they touched. A fresh entry is a
 * HIT; otherwise one request per key and instance goes upstream (concurrent misses wait for it); an entry past
 * its freshness but inside {@code stale-if-error} stands in (STALE) when the upstream fails, times out, answers
 * 5xx or has its circuit open. Without Redis every read goes upstream (counted as bypass).
 */
@Singleton
public class CachingProxy {

    private final ProxyHandler proxy;
    private final RedisCache cache;
    private final NearCache near;
    private final CacheResponder responder;
    private final GatewayMetrics metrics;
    private final boolean enabled;
    private final int maxEntryBytes;
    private final Map<String, Future<CacheResponder.Served>> inFlight = new ConcurrentHashMap<>();

    public CachingProxy(ProxyHandler proxy, RedisCache cache, NearCache near, CacheResponder responder,
            GatewayMetrics metrics, GatewayConfig config) {
        this.proxy = proxy;
        this.cache = cache;
        this.near = near;
        this.responder = responder;
        this.metrics = metrics;
        this.enabled = config.cache().enabled();
        this.maxEntryBytes = config.cache().maxEntryBytes();
    }

    public void read(RoutingContext ctx, ProxyRoute route) {
        if (!enabled || ctx.request().method() != HttpMethod.GET) {
            proxy.forward(ctx, route, upstream -> Future.succeededFuture());
            return;
        }
        String resource = CacheKeys.resource(ctx.request(), CanonicalPath.get(ctx));
        CachedResponse inMemory = near.get(resource, System.currentTimeMillis());
        if (inMemory != null) {
            responder.serve(ctx, route, inMemory, "HIT", "near"); // on the event loop, no Redis round trip
            return;
        }
        Context context = Vertx.currentContext();
        cache.lookup(resource, ctx.request()).onComplete(looked -> context.runOnContext(v -> {
            if (looked.failed()) {
                metrics.cacheResult(route.name(), "bypass", "upstream");
                ctx.response().putHeader(HeaderNames.X_CACHE, "MISS");
                proxy.forward(ctx, route, upstream -> Future.succeededFuture());
            } else if (looked.result().entry() != null && looked.result().entry().isFresh(System.currentTimeMillis())) {
                keepNear(looked.result(), looked.result().entry());
                responder.serve(ctx, route, looked.result().entry(), "HIT", "redis");
            } else {
                coalesce(ctx, route, looked.result(), context);
            }
        }));
    }

    public void write(RoutingContext ctx, ProxyRoute route) {
        proxy.forward(ctx, route, upstream -> {
            List<String> tags = tags(upstream);
            if (!enabled || upstream.statusCode() / 100 != 2 || tags.isEmpty()) {
                return Future.succeededFuture();
            }
            return cache.purge(tags, "write").recover(failed -> Future.succeededFuture());
        });
    }

    private void coalesce(RoutingContext ctx, ProxyRoute route, RedisCache.Lookup lookup, Context context) {
        Promise<CacheResponder.Served> mine = Promise.promise();
        Future<CacheResponder.Served> leader = inFlight.putIfAbsent(lookup.entryKey(), mine.future());
        if (leader != null) {
            leader.onComplete(led -> context.runOnContext(v -> {
                if (led.succeeded() && led.result() != null) {
                    responder.serve(ctx, route, led.result().entry(), led.result().label(), "upstream");
                } else {
                    fetch(ctx, route, lookup, Promise.promise());
                }
            }));
            return;
        }
        mine.future().onComplete(done -> inFlight.remove(lookup.entryKey(), mine.future()));
        fetch(ctx, route, lookup, mine);
    }

    private void fetch(RoutingContext ctx, ProxyRoute route, RedisCache.Lookup lookup,
            Promise<CacheResponder.Served> followers) {
        Context context = Vertx.currentContext();
        CachedResponse stale = lookup.entry();
        boolean canStandIn = stale != null && stale.isUsableStale(System.currentTimeMillis());
        proxy.send(ctx, route).onComplete(sent -> {
            if (sent.failed()) {
                followers.complete(canStandIn ? responder.serve(ctx, route, stale, "STALE", "redis") : null);
                if (!canStandIn) {
                    ProxyHandler.fail(ctx, sent.cause());
                }
                return;
            }
            HttpClientResponse upstream = sent.result();
            if (upstream.statusCode() >= 500 && canStandIn) {
                upstream.body(); // read and drop, so the pooled connection stays usable
                followers.complete(responder.serve(ctx, route, stale, "STALE", "redis"));
                return;
            }
            CachePolicy policy = CachePolicy.of(upstream.statusCode(), upstream.headers());
            if (!policy.storable() || !fits(upstream.getHeader("Content-Length"))) {
                metrics.cacheResult(route.name(), "miss", "upstream");
                ctx.response().putHeader(HeaderNames.X_CACHE, "MISS");
                proxy.stream(ctx, upstream);
                followers.complete(null);
                return;
            }
            upstream.body().onComplete(read -> {
                if (read.failed()) {
                    Problems.badGateway(ctx);
                    followers.complete(null);
                    return;
                }
                CachedResponse entry = new CachedResponse(upstream.statusCode(),
                        responder.storedHeaders(upstream.headers()), read.result(), System.currentTimeMillis(),
                        policy.freshSeconds(), policy.staleIfErrorSeconds(), tags(upstream));
                // Answer once stored (bounded by gateway.cache.timeout): the client's next read is then a hit.
                RedisCache.Lookup storedAs = cache.withVary(lookup, policy.vary(), ctx.request());
                cache.store(storedAs, entry).onComplete(stored -> context.runOnContext(v -> {
                    if (Boolean.TRUE.equals(stored.result())) {
                        keepNear(storedAs, entry);
                    }
                    responder.serve(ctx, route, entry, "MISS", "upstream");
                    followers.complete(policy.vary().isEmpty() ? new CacheResponder.Served(entry, "HIT") : null);
                }));
            });
        });
    }

    /** Only responses without {@code Vary}: the near cache is keyed by method, path and sorted query alone. */
    private void keepNear(RedisCache.Lookup lookup, CachedResponse entry) {
        if (lookup.vary().isEmpty()) {
            near.put(lookup.resource(), entry, lookup.nearEpoch(), System.currentTimeMillis());
        }
    }

    private boolean fits(String contentLength) {
        long length = ProxyHandler.declaredLength(contentLength);
        return length >= 0 && length <= maxEntryBytes;
    }

    static List<String> tags(HttpClientResponse upstream) {
        return upstream.headers().getAll("Cache-Tag").stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(tag -> !tag.isEmpty()).distinct().toList();
    }
}
