package io.scalingsuite.gateway.cache;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Closes the window between a write's purge and the moment every other replica's {@link NearCache} has dropped the
 * purged entries (purges reach the other replicas by pub/sub, after the purging replica got its answer). Each
 * replica publishes a ping on the near-cache channel every quarter of {@code gateway.cache.near-lease} and notes
 * when it sent it; when its own ping comes back it has processed every purge published before that moment (one
 * subscription delivers in order). It answers from memory only while its last returned ping was sent less than a
 * lease ago, and a write through any replica is answered a lease after its purge completed in Redis: by then
 * every replica has either processed the purge or stopped answering from memory (a frozen or cut-off replica's
 * pings stop coming back). The cost: a write waits one lease; with the near cache off, nothing.
 */
@Singleton
public class NearLease {

    static final String PREFIX = "~lease:";

    private final String self = PREFIX + UUID.randomUUID() + ":";
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong pings = new AtomicLong();
    private final Redis redis;
    private final Vertx vertx;
    private final String channel;
    private final boolean active;
    private final long leaseMillis;
    private final long leaseNanos;
    private volatile long confirmedAt;
    private long timer = -1;

    public NearLease(Redis redis, Vertx vertx, RedisCache cache, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = cache.nearChannel();
        this.active = config.cache().enabled() && config.cache().nearMaxEntries() > 0
                && config.cache().nearMaxBytes() > 0;
        this.leaseMillis = Math.max(4, config.cache().nearLease().toMillis());
        this.leaseNanos = leaseMillis * 1_000_000;
        this.confirmedAt = System.nanoTime() - leaseNanos; // not current until a ping came back
    }

    void start(@Observes StartupEvent event) {
        if (active) {
            timer = vertx.setPeriodic(leaseMillis / 4, id -> ping());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Whether this replica may answer from memory now. */
    public boolean current() {
        return System.nanoTime() - confirmedAt < leaseNanos;
    }

    /** Completes a lease from now (at once without a near cache): when a write purged in Redis may be answered. */
    public Future<Void> settled() {
        if (!active) {
            return Future.succeededFuture();
        }
        Promise<Void> settled = Promise.promise();
        vertx.setTimer(leaseMillis, timer -> settled.complete());
        return settled.future();
    }

    /** Takes a message of the near-cache channel if it is a ping (any replica's): true then, and it is no purge. */
    public boolean onMessage(String message) {
        if (!message.startsWith(PREFIX)) {
            return false;
        }
        if (message.startsWith(self)) {
            Long sent = sentAt.remove(Long.parseLong(message.substring(self.length())));
            if (sent != null && sent - confirmedAt > 0) {
                confirmedAt = sent;
            }
        }
        return true;
    }

    private void ping() {
        long n = pings.incrementAndGet();
        sentAt.put(n, System.nanoTime());
        sentAt.remove(n - 64); // lost pings (Redis away) are forgotten, not kept
        redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(self + n));
    }
}
