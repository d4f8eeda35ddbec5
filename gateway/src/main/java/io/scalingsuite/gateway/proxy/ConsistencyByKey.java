package io.scalingsuite.gateway.proxy;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.support.RedisBreaker;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Read-your-writes per API key, on by default: every write carries a key, so the {@code X-Consistency-Token} of a
 * key's 2xx write is kept in Redis ({@code <gateway.cache.key-prefix>:ryw:<key name>}, for
 * {@code gateway.read-your-writes.ttl}) before the write is answered, and set on that key's later requests, on any
 * replica, that bring no token of their own. catalog then reads them from a replica that has replayed the write,
 * or from the primary. Writes get it too, so the token catalog answers covers the key's earlier writes as well.
 * Requests of keys without a recent write carry nothing and are read from replicas as before.
 * Set on the client's request itself, so the shared cache, which varies on the token, keys the entry by it too.
 * When Redis fails or is slower than {@code gateway.cache.write-timeout} (a write) or {@code timeout} (a read), the
 * promise holds the safe way: a write whose token cannot be kept answers 503 {@code write-not-confirmed} instead of
 * 2xx, and a read whose key's token cannot be read carries {@link #EVERY_PRIMARY}, which no replica reaches, so
 * catalog reads it from the primaries.
 */
@Singleton
public class ConsistencyByKey {

    /** base64url of {@code v1;*=FFFFFFFF/FFFFFFFF}: the highest position on every shard (catalog's wildcard). */
    static final String EVERY_PRIMARY = "djE7Kj1GRkZGRkZGRi9GRkZGRkZGRg";

    private final RedisBreaker breaker;
    private final GatewayMetrics metrics;
    private final boolean enabled;
    private final String prefix;
    private final String ttlMillis;
    private final long timeoutMillis;
    private final long writeTimeoutMillis;

    public ConsistencyByKey(RedisBreaker breaker, GatewayMetrics metrics, GatewayConfig config) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.enabled = config.readYourWrites().enabled();
        this.prefix = config.cache().keyPrefix() + ":ryw:";
        this.ttlMillis = Long.toString(config.readYourWrites().ttl().toMillis());
        this.timeoutMillis = config.cache().timeout().toMillis();
        this.writeTimeoutMillis = config.cache().writeTimeout().toMillis();
    }

    /**
     * Sets the key's latest write token on the request, unless it has one; if Redis cannot say, a token that sends
     * the read to the primaries (the key may have written within the TTL). Completes (never fails) when done.
     */
    public Future<Void> attach(RoutingContext ctx) {
        String key = CallerSigner.keyName(ctx);
        if (!enabled || key == null || ctx.request().headers().contains(ConsistencyCookie.HEADER)) {
            return Future.succeededFuture();
        }
        return breaker.send(Request.cmd(Command.GET).arg(prefix + key), timeoutMillis)
                .map(token -> {
                    if (token != null && ConsistencyCookie.valid(token.toString())) {
                        ctx.request().headers().set(ConsistencyCookie.HEADER, token.toString());
                    }
                    return (Void) null;
                }).recover(failed -> {
                    metrics.cacheError("ryw-get");
                    ctx.request().headers().set(ConsistencyCookie.HEADER, EVERY_PRIMARY);
                    return Future.succeededFuture();
                });
    }

    /**
     * Keeps a 2xx write's token for the key; completes once Redis has it, or fails with
     * {@link ProxyHandler.NotVisible} (the write is answered 503, never 2xx) when Redis could not take it in time.
     */
    public Future<Void> remember(RoutingContext ctx, HttpClientResponse upstream) {
        String key = CallerSigner.keyName(ctx);
        String token = upstream.getHeader(ConsistencyCookie.HEADER);
        if (!enabled || key == null || token == null || upstream.statusCode() / 100 != 2
                || !ConsistencyCookie.valid(token)) {
            return Future.succeededFuture();
        }
        Request set = Request.cmd(Command.SET).arg(prefix + key).arg(token).arg("PX").arg(ttlMillis);
        // tried even while the breaker is open: whether the write may answer 2xx depends on it
        return breaker.sendAnyway(set, writeTimeoutMillis).<Void>mapEmpty().recover(failed -> {
            metrics.cacheError("ryw-set"); // the key's next read could go to a replica that lacks this write
            return Future.failedFuture(new ProxyHandler.NotVisible("read-your-writes token", failed));
        });
    }
}
