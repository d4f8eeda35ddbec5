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
import io.scalingsuite.gateway.proxy.ConsistencyByKey;
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
    private final ConsistencyByKey byKey;
    private final NearLease lease;
    private final Map<String, Future<CacheResponder.Served>> inFlight = new ConcurrentHashMap<>();

    public CachingProxy(ProxyHandler proxy, RedisCache cache, NearCache near, CacheResponder responder,
            GatewayMetrics metrics, GatewayConfig config, ConsistencyByKey byKey, NearLease lease) {
        this.byKey = byKey;
        this.lease = lease;
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
            afterAttach(ctx, () -> proxy.forward(ctx, route, upstream -> Future.succeededFuture()));
            return;
        }
        String resource = CacheKeys.resource(ctx.request(), CanonicalPath.get(ctx));
        CachedResponse inMemory = lease.current() ? near.get(resource, System.currentTimeMillis()) : null;
        if (inMemory != null) {
            // on the event loop, no Redis round trip; kept only for responses that do not vary on the token
            responder.serve(ctx, route, inMemory, "HIT", "near");
            return;
        }
        afterAttach(ctx, () -> lookup(ctx, route, resource));
    }

    private void lookup(RoutingContext ctx, ProxyRoute route, String resource) {
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

    /**
     * A 2xx write is answered only once its token is kept for the key and its tags are purged from Redis and
     * from every replica's memory ({@link NearLease}): the next read, on any replica, cannot find the old entry.
     * If the purge fails the answer is a 503 problem that says the write was applied but may not be visible yet.
     */
    public void write(RoutingContext ctx, ProxyRoute route) {
        afterAttach(ctx, () -> proxy.forward(ctx, route, upstream -> {
            Future<Void> remembered = byKey.remember(ctx, upstream);
            List<String> tags = tags(upstream);
            if (!enabled || upstream.statusCode() / 100 != 2 || tags.isEmpty()) {
                return remembered;
            }
            Future<Void> purged = cache.purge(tags, "write").compose(done -> lease.settled())
                    .recover(failed -> Future.failedFuture(new ProxyHandler.NotVisible("purge of " + tags, failed)));
            return Future.all(remembered, purged).mapEmpty();
        }));
    }

    /** Runs next once the key's write token (if any) is on the request: at once when there is nothing to ask. */
    private void afterAttach(RoutingContext ctx, Runnable next) {
        Future<Void> attached = byKey.attach(ctx);
        if (attached.isComplete()) {
            next.run();
            return;
        }
        Context context = Vertx.currentContext();
        attached.onComplete(done -> context.runOnContext(v -> next.run()));
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
            if (!policy.storable()
                    || ProxyHandler.declaredLength(upstream.getHeader("Content-Length")) > maxEntryBytes) {
                unstored(ctx, route).stream(ctx, upstream);
                followers.complete(null);
                return;
            }
            CappedBody.read(upstream, maxEntryBytes).onComplete(read -> {
                if (read.failed()) {
                    Problems.badGateway(ctx);
                    followers.complete(null);
                    return;
                }
                if (!read.result().whole()) {
                    unstored(ctx, route).stream(ctx, upstream, read.result().read());
                    followers.complete(null);
                    return;
                }
                CachedResponse entry = new CachedResponse(upstream.statusCode(),
                        responder.storedHeaders(upstream.headers()), read.result().read(), System.currentTimeMillis(),
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

    /** A miss that is streamed to the client and not stored (not cacheable, or larger than an entry may be). */
    private ProxyHandler unstored(RoutingContext ctx, ProxyRoute route) {
        metrics.cacheResult(route.name(), "miss", "upstream");
        ctx.response().putHeader(HeaderNames.X_CACHE, "MISS");
        return proxy;
    }

    static List<String> tags(HttpClientResponse upstream) {
        return upstream.headers().getAll("Cache-Tag").stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(tag -> !tag.isEmpty()).distinct().toList();
    }
}
