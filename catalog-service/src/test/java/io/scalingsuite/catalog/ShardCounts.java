package io.scalingsuite.catalog;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** How many transactions each shard ran so far ({@code catalog.shard.queries}, every target and operation). */
final class ShardCounts {

    private ShardCounts() {
    }

    static Map<String, Double> of(MeterRegistry registry) {
        Map<String, Double> counts = new HashMap<>();
        for (Counter counter : registry.find("catalog.shard.queries").counters()) {
            counts.merge(counter.getId().getTag("shard"), counter.count(), Double::sum);
        }
        return counts;
    }

    /** Per shard, how many more transactions ran in {@code after} than in {@code before}. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new HashMap<>();
        for (String shard : new String[] { "s0", "s1" }) {
            delta.put(shard, after.getOrDefault(shard, 0.0) - before.getOrDefault(shard, 0.0));
        }
        return delta;
    }

    static double routed(MeterRegistry registry, String shard, String target) {
        return registry.find("catalog.shard.queries").tag("shard", shard).tag("target", target).tag("operation", "read")
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
