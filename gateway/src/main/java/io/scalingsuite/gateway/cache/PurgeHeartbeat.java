package io.scalingsuite.gateway.cache;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Proves that the purge subscription still delivers. A connection can look alive while nothing arrives on it (Redis
 * frozen, a connection cut without a reset, a proxy that dropped it): every {@code gateway.cache.purge-heartbeat}
 * this replica publishes a heartbeat of its own on the purge channel and notes when one comes back. Without one
 * back for {@link #MISSED} intervals the subscription counts as down ({@link PurgeSubscriber} then drops it and
 * subscribes again). Other replicas ignore heartbeats; a heartbeat is no tag and purges nothing.
 */
@Singleton
public class PurgeHeartbeat {

    static final String PREFIX = "~heartbeat:";
    /** Intervals without a returned heartbeat after which the subscription counts as down. */
    static final int MISSED = 3;

    private final String self = PREFIX + UUID.randomUUID() + ":";
    private final AtomicLong sent = new AtomicLong();
    private final Redis redis;
    private final String channel;
    private final long intervalMillis;
    private final long limitNanos;
    private volatile long heardAt = System.nanoTime();

    public PurgeHeartbeat(Redis redis, GatewayConfig config) {
        this.redis = redis;
        this.channel = config.cache().purgeChannel();
        this.intervalMillis = Math.max(10, config.cache().purgeHeartbeat().toMillis());
        this.limitNanos = MISSED * intervalMillis * 1_000_000;
    }

    long intervalMillis() {
        return intervalMillis;
    }

    /** A new subscription starts with a full allowance. */
    void restart() {
        heardAt = System.nanoTime();
    }

    /** Publishes the next heartbeat on the purge channel (through the shared client, not the subscription). */
    void send() {
        redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(self + sent.incrementAndGet()));
    }

    /** Takes a message of the purge channel if it is a heartbeat (any replica's): true then, and it is no purge. */
    boolean onMessage(String message) {
        if (!message.startsWith(PREFIX)) {
            return false;
        }
        if (message.startsWith(self)) {
            heardAt = System.nanoTime();
        }
        return true;
    }

    /** Whether a heartbeat came back within the last {@link #MISSED} intervals. */
    boolean alive() {
        return ageMillis() * 1_000_000 < limitNanos;
    }

    /** Milliseconds since this replica's last heartbeat came back (or its subscription was made). */
    public long ageMillis() {
        return (System.nanoTime() - heardAt) / 1_000_000;
    }
}
