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
 */
@Singleton
public class ConsistencyByKey {

    private final RedisBreaker breaker;
    private final GatewayMetrics metrics;
    private final boolean enabled;
    private final String prefix;
    private final String ttlMillis;
    private final long timeoutMillis;

    public ConsistencyByKey(RedisBreaker breaker, GatewayMetrics metrics, GatewayConfig config) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.enabled = config.readYourWrites().enabled();
        this.prefix = config.cache().keyPrefix() + ":ryw:";
        this.ttlMillis = Long.toString(config.readYourWrites().ttl().toMillis());
        this.timeoutMillis = config.cache().timeout().toMillis();
    }

    /** Sets the key's latest write token on the request, unless it has one; completes (never fails) when done. */
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
                    metrics.cacheError("ryw-get"); // read without: a replica may be up to its lag bound behind
                    return Future.succeededFuture();
                });
    }

    /** Keeps a 2xx write's token for the key; completes (never fails) once Redis has it or gave up. */
    public Future<Void> remember(RoutingContext ctx, HttpClientResponse upstream) {
        String key = CallerSigner.keyName(ctx);
        String token = upstream.getHeader(ConsistencyCookie.HEADER);
        if (!enabled || key == null || token == null || upstream.statusCode() / 100 != 2
                || !ConsistencyCookie.valid(token)) {
            return Future.succeededFuture();
        }
        Request set = Request.cmd(Command.SET).arg(prefix + key).arg(token).arg("PX").arg(ttlMillis);
        return breaker.send(set, timeoutMillis).<Void>mapEmpty().recover(failed -> {
            metrics.cacheError("ryw-set");
            return Future.succeededFuture();
        });
    }
}
