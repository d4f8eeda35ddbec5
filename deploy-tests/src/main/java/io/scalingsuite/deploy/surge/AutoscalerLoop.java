package io.scalingsuite.deploy.surge;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.scalingsuite.deploy.autoscaling.Decision;
import io.scalingsuite.deploy.autoscaling.HorizontalPodAutoscaler;
import io.scalingsuite.deploy.autoscaling.HpaSpec;
import io.scalingsuite.deploy.autoscaling.MetricSpec;
import io.scalingsuite.deploy.autoscaling.MetricsSnapshot;
import io.scalingsuite.deploy.autoscaling.PodMetric;

/**
 * The HPA controller's loop for the gateway's HPA: every sync period (15 s) the cgroup metrics of the live containers,
 * the ported controller's decision ({@link HorizontalPodAutoscaler#sync}), and the scale set on the {@link Cluster}.
 * Each sync is recorded in {@code hpa.tsv}: time, current, desired, average CPU and memory utilization of requests
 * over the pods with a sample, the reason.
 */
final class AutoscalerLoop {

    private final HorizontalPodAutoscaler hpa;
    private final Cluster cluster;
    private final Recorder recorder;
    private final Map<String, Long> requests;
    private final HpaSpec spec;
    private final RequestRates rates;

    AutoscalerLoop(HpaSpec spec, Cluster cluster, Recorder recorder, Map<String, Long> requests, RequestRates rates) {
        this.hpa = new HorizontalPodAutoscaler(spec, Clock.systemUTC());
        this.spec = spec;
        this.rates = rates;
        this.cluster = cluster;
        this.recorder = recorder;
        this.requests = requests;
    }

    /** Starts every container's CPU window now (the capacity measurement before is not the HPA's business). */
    void resetWindows() {
        CgroupMetrics.sample(cluster.live(), Instant.now());
        rates.sample(cluster.live(), Instant.now());
    }

    boolean due() {
        return hpa.due();
    }

    void sync() {
        Instant now = Instant.now();
        MetricsSnapshot metrics = CgroupMetrics.sample(cluster.live(), now);
        Map<String, PodMetric> perSecond = rates.sample(cluster.live(), now);
        for (MetricSpec metric : spec.metrics()) {
            if (metric.source() == MetricSpec.Source.PODS) {
                Map<String, Map<String, PodMetric>> pods = new java.util.HashMap<>(metrics.pods());
                pods.put(metric.key(), perSecond);
                metrics = new MetricsSnapshot(pods, Map.of());
            }
        }
        int current = cluster.replicasSpec();
        Decision decision = hpa.sync(current, cluster.pods(), metrics);
        recorder.append("hpa.tsv", Recorder.epoch(), current, decision.desiredReplicas(),
                utilization(metrics, "cpu"), utilization(metrics, "memory"), decision.reason()
                        + (perSecond.isEmpty() ? "" : String.format(java.util.Locale.ROOT, " (%.0f req/s per pod)",
                                perSecond.values().stream().mapToLong(PodMetric::value).average().orElse(0) / 1000)),
                decision.error() == null ? "" : decision.error());
        System.err.printf("[surge] hpa: %d -> %d (cpu %s %%, memory %s %%; %s)%n", current,
                decision.desiredReplicas(), utilization(metrics, "cpu"), utilization(metrics, "memory"),
                decision.reason());
        if (decision.rescaled()) {
            cluster.scale(decision.desiredReplicas());
        }
    }

    private String utilization(MetricsSnapshot metrics, String resource) {
        Map<String, PodMetric> samples = metrics.pods().get(resource);
        if (samples == null || samples.isEmpty()) {
            return "-";
        }
        double average = samples.values().stream().mapToLong(PodMetric::value).average().orElse(0);
        return String.format(java.util.Locale.ROOT, "%.0f", 100 * average / requests.get(resource));
    }
}
