package io.scalingsuite.catalog.cache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * Keeps a Redis that is down or frozen from costing every request a timeout. After
 * {@code catalog.cache.breaker-failures} failed or timed-out cache calls in a row it opens for
 * {@code catalog.cache.breaker-open}: reads go straight to PostgreSQL; then one read probes Redis and its outcome
 * closes or reopens it. Writes still try (their write mark decides between 2xx and 503) and report as well. State
 * as the gauge {@code catalog.redis-breaker.state}: 0 closed, 1 open, 2 probing; calls not sent:
 * {@code catalog.redis-breaker.skipped}.
 */
@ApplicationScoped
public class RedisBreaker {

    private final int threshold;
    private final long openNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Counter skipped;
    private volatile long openedAt;
    private volatile boolean open;

    public RedisBreaker(CatalogConfig config, MeterRegistry registry) {
        this.threshold = Math.max(1, config.cache().breakerFailures());
        this.openNanos = config.cache().breakerOpen().toNanos();
        Gauge.builder("catalog.redis-breaker.state", this, RedisBreaker::state)
                .description("Redis breaker: 0 closed, 1 open (Redis skipped), 2 probing").register(registry);
        skipped = Counter.builder("catalog.redis-breaker.skipped")
                .description("Cache calls not sent to Redis because the breaker was open").register(registry);
    }

    /**
     * Whether to call Redis now: closed, or open long enough that this call becomes the probe. A caller told yes
     * must report the outcome ({@link #succeeded()} or {@link #failed()}).
     */
    public boolean allows() {
        if (!open || System.nanoTime() - openedAt >= openNanos && probing.compareAndSet(false, true)) {
            return true;
        }
        skipped.increment();
        return false;
    }

    /** Redis answered in time: closed. */
    public void succeeded() {
        failures.set(0);
        open = false;
        probing.set(false);
    }

    /** Redis failed or timed out: open after the threshold, or again at once if it was open already. */
    public void failed() {
        if (open || failures.incrementAndGet() >= threshold) {
            openedAt = System.nanoTime();
            open = true;
        }
        probing.set(false);
    }

    double state() {
        return !open ? 0 : probing.get() ? 2 : 1;
    }
}
