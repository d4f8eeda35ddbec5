package io.scalingsuite.deploy.autoscaling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics APIs' answers at one sync: per-pod samples by {@link MetricSpec#key()} (a pod absent from a metric's
 * map is a pod with a missing metric; a name that matches no pod is an extraneous sample, which the controller skips
 * when it sums utilization but still counts in one place, see {@link ReplicaCalculator}), and each External metric's
 * series values.
 */
public record MetricsSnapshot(Map<String, Map<String, PodMetric>> pods, Map<String, List<Long>> external) {

    public MetricsSnapshot {
        Map<String, Map<String, PodMetric>> copy = new HashMap<>();
        pods.forEach((key, samples) -> copy.put(key, Map.copyOf(samples)));
        pods = Map.copyOf(copy);
        external = Map.copyOf(external);
    }

    public static MetricsSnapshot ofPods(String key, Map<String, PodMetric> samples) {
        return new MetricsSnapshot(Map.of(key, samples), Map.of());
    }

    /** A fresh, mutable copy of one metric's samples, or null when the metrics API returned nothing for it. */
    Map<String, PodMetric> samples(String key) {
        Map<String, PodMetric> samples = pods.get(key);
        return samples == null ? null : new HashMap<>(samples);
    }
}
