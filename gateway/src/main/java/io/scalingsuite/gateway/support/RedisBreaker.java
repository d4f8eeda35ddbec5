package io.scalingsuite.gateway.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Every Redis call on the request path (cache, rate limits, read-your-writes) goes through here, so that a Redis that
 * is down or frozen costs requests nothing: after {@code gateway.cache.breaker-failures} failures or timeouts in a
 * row the breaker opens and calls fail at once, without a round trip or a timeout, for
 * {@code gateway.cache.breaker-open}; then one call is let through as a probe, and its outcome closes or reopens
 * it. While it is open reads bypass the cache and go upstream and limits are decided per replica; a write's purge
 * is still tried ({@link #sendAnyway}): the write answers 2xx if it succeeds, 503 if not. State as the gauge {@code gateway.redis-breaker.state}: 0 closed, 1 open, 2
 * probing; calls not sent: {@code gateway.redis-breaker.skipped}. One per replica, made by {@code RedisBreakers}.
 */
public class RedisBreaker {

    /** The failure of a call the open breaker did not send. */
    public static final class Open extends RuntimeException {
        Open() {
            super("Redis skipped: the breaker is open after repeated failures", null, false, false);
        }
    }

    private final Redis redis;
    private final Vertx vertx;
    private final int threshold;
    private final long openNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long openedAt;
    private volatile boolean open;
    private final Counter skipped;

    public RedisBreaker(Redis redis, Vertx vertx, int failures, Duration open, MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.threshold = Math.max(1, failures);
        this.openNanos = open.toNanos();
        Gauge.builder("gateway.redis-breaker.state", this, RedisBreaker::state)
                .description("Redis breaker: 0 closed, 1 open (Redis skipped), 2 probing").register(registry);
        skipped = Counter.builder("gateway.redis-breaker.skipped")
                .description("Redis calls not sent (failed at once) because the breaker was open").register(registry);
    }

    /** Sends the request unless the breaker is open; fails after {@code millis} without an answer. */
    public Future<Response> send(Request request, long millis) {
        boolean probe = false;
        if (open) {
            if (System.nanoTime() - openedAt < openNanos || !probing.compareAndSet(false, true)) {
                skipped.increment();
                return Future.failedFuture(new Open());
            }
            probe = true;
        }
        return sendAnyway(request, millis, probe);
    }

    /**
     * Sends the request even while the breaker is open, for a write's purge: whether the write may answer 2xx
     * depends on it, so it is tried rather than refused; its outcome counts like any other.
     */
    public Future<Response> sendAnyway(Request request, long millis) {
        return sendAnyway(request, millis, false);
    }

    private Future<Response> sendAnyway(Request request, long millis, boolean probe) {
        return Deadlines.within(vertx, redis.send(request), millis).onComplete(done -> {
            if (done.succeeded()) {
                failures.set(0);
                open = false;
            } else if (open || failures.incrementAndGet() >= threshold) {
                openedAt = System.nanoTime();
                open = true;
            }
            if (probe) {
                probing.set(false);
            }
        });
    }

    double state() {
        return !open ? 0 : probing.get() ? 2 : 1;
    }
}
