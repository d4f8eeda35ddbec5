package io.scalingsuite.catalog.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code catalog.cache.gets{kind,result}}, {@code catalog.cache.errors{operation}} and
 * {@code catalog.db.loads{kind}} (the time of each PostgreSQL load behind a miss). Meters are built once and
 * reused: the hit path must not look anything up in the registry.
 */
@ApplicationScoped
public class CacheMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void hit(String kind) {
        get(kind, "hit").increment();
    }

    public void miss(String kind) {
        get(kind, "miss").increment();
    }

    /** A read that Redis did not answer in time or answered with an error; the read went to PostgreSQL. */
    public void getError(String kind) {
        get(kind, "error").increment();
        error("get");
    }

    public void error(String operation) {
        counters.computeIfAbsent("error:" + operation,
                k -> Counter.builder("catalog.cache.errors").tag("operation", operation)
                        .description("Redis operations that failed or timed out").register(registry))
                .increment();
    }

    public <T> T timeLoad(String kind, Supplier<T> load) {
        return timers.computeIfAbsent(kind,
                k -> Timer.builder("catalog.db.loads").tag("kind", kind)
                        .description("Reads served from PostgreSQL because the cache could not").register(registry))
                .record(load);
    }

    private Counter get(String kind, String result) {
        return counters.computeIfAbsent(kind + ":" + result,
                k -> Counter.builder("catalog.cache.gets").tag("kind", kind).tag("result", result)
                        .description("Cache lookups by result").register(registry));
    }
}
