package io.scalingsuite.catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Reads the service's own meters, so tests can prove what happened inside (a hit, a load, an error). */
final class Metrics {

    private Metrics() {
    }

    static long loads(MeterRegistry registry, String kind) {
        Timer timer = registry.find("catalog.db.loads").tag("kind", kind).timer();
        return timer == null ? 0 : timer.count();
    }

    static double gets(MeterRegistry registry, String kind, String result) {
        Counter counter = registry.find("catalog.cache.gets").tag("kind", kind).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    static double errors(MeterRegistry registry, String operation) {
        Counter counter = registry.find("catalog.cache.errors").tag("operation", operation).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Authority category rows a repair pass read in full for the shard. */
    static double copiesFetched(MeterRegistry registry, String shard) {
        Counter counter = registry.find("catalog.category.copy.fetched").tag("shard", shard).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Category copies a repair pass upserted or deleted ({@code action}) on the shard. */
    static double copyRepairs(MeterRegistry registry, String shard, String action) {
        Counter counter = registry.find("catalog.category.copy.repairs").tag("shard", shard).tag("action", action)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
