package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * replica_calculator.go for per-pod metrics: {@code GetResourceReplicas} (Resource, Utilization) and
 * {@code calcPlainMetricReplicas} (Resource AverageValue via {@code GetRawResourceReplicas}, Pods via
 * {@code GetMetricReplicas}). kubernetes.io "Algorithm details": ratio = current / target; no change within the
 * tolerance; ceil(ratio × ready pods); pods with missing metrics assumed at 100 % of the target (of the request for
 * utilization, or the target if above 100 %) on a scale-down and 0 on a scale-up; not-yet-ready pods assumed at 0 on a
 * scale-up; after that recomputation, no change if within the tolerance or if the direction reverses.
 */
public final class ReplicaCalculator {

    private final ControllerOptions options;

    public ReplicaCalculator(ControllerOptions options) {
        this.options = options;
    }

    /** GetResourceReplicas: {@code targetUtilization} percent of the pods' requests of {@code resource}. */
    public Proposal resourceReplicas(int currentReplicas, int targetUtilization, String resource,
            List<PodStatus> pods, Map<String, PodMetric> samples, Instant now) {
        PodGroups groups = group(resource, pods, samples, now);
        Map<String, PodMetric> metrics = readyMetrics(groups, samples);
        Map<String, Long> requests = PodGroups.requests(pods, resource);
        Utilization current = Utilization.of(metrics, requests, targetUtilization);
        double usageRatio = current.ratio();
        boolean scaleUpWithUnready = !groups.unready().isEmpty() && usageRatio > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            return new Proposal(firstPass(currentReplicas, usageRatio, groups.readyCount()), current.percent());
        }
        if (usageRatio < 1.0) {
            // 100 % of the request, or the target when it is above 100 %
            long fallbackPercent = Math.max(100, targetUtilization);
            groups.missing().forEach(pod -> metrics.put(pod, value(requests.get(pod) * fallbackPercent / 100)));
        } else if (usageRatio > 1.0) {
            groups.missing().forEach(pod -> metrics.put(pod, value(0)));
        }
        if (scaleUpWithUnready) {
            groups.unready().forEach(pod -> metrics.put(pod, value(0)));
        }
        double newUsageRatio = Utilization.of(metrics, requests, targetUtilization).ratio();
        return new Proposal(secondPass(currentReplicas, usageRatio, newUsageRatio, metrics.size()), current.percent());
    }

    /**
     * calcPlainMetricReplicas: an average of {@code targetUsage} milli-units per pod; {@code resource} is the resource
     * name for a Resource AverageValue target (CPU's readiness rules apply), empty for a Pods metric.
     */
    public Proposal plainMetricReplicas(int currentReplicas, long targetUsage, String resource, List<PodStatus> pods,
            Map<String, PodMetric> samples, Instant now) {
        PodGroups groups = group(resource, pods, samples, now);
        Map<String, PodMetric> metrics = readyMetrics(groups, samples);
        long usage = averageUsage(metrics);
        double usageRatio = (double) usage / targetUsage;
        boolean scaleUpWithUnready = !groups.unready().isEmpty() && usageRatio > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            return new Proposal(firstPass(currentReplicas, usageRatio, groups.readyCount()), usage);
        }
        if (usageRatio < 1.0) {
            groups.missing().forEach(pod -> metrics.put(pod, value(targetUsage)));
        } else if (usageRatio > 1.0) {
            groups.missing().forEach(pod -> metrics.put(pod, value(0)));
        }
        if (scaleUpWithUnready) {
            groups.unready().forEach(pod -> metrics.put(pod, value(0)));
        }
        double newUsageRatio = (double) averageUsage(metrics) / targetUsage;
        return new Proposal(secondPass(currentReplicas, usageRatio, newUsageRatio, metrics.size()), usage);
    }

    private PodGroups group(String resource, List<PodStatus> pods, Map<String, PodMetric> samples, Instant now) {
        if (samples == null || samples.isEmpty()) {
            throw new MetricUnavailableException("unable to get metric " + resource + ": no metrics returned");
        }
        if (pods.isEmpty()) {
            throw new MetricUnavailableException("no pods returned by selector while calculating replica count");
        }
        return PodGroups.of(pods, samples, resource, options, now);
    }

    /** The samples left once ignored and unready pods' are removed; fails as the controller does when none is. */
    private static Map<String, PodMetric> readyMetrics(PodGroups groups, Map<String, PodMetric> samples) {
        Map<String, PodMetric> metrics = new HashMap<>(samples);
        metrics.keySet().removeAll(groups.ignored());
        metrics.keySet().removeAll(groups.unready());
        if (metrics.isEmpty()) {
            throw new MetricUnavailableException(
                    "did not receive metrics for targeted pods (pods might be unready)");
        }
        return metrics;
    }

    /** No missing or set-aside pods: current replicas within the tolerance, else ceil(ratio × ready pods). */
    private int firstPass(int currentReplicas, double usageRatio, int readyPods) {
        return options.withinTolerance(usageRatio) ? currentReplicas : (int) Math.ceil(usageRatio * readyPods);
    }

    /**
     * After filling in: no change within the tolerance or if the direction reversed, nor if counting the filled-in
     * pods would move the count against the ratio; else ceil(new ratio × pods counted).
     */
    private int secondPass(int currentReplicas, double usageRatio, double newUsageRatio, int podsCounted) {
        if (options.withinTolerance(newUsageRatio) || (usageRatio < 1.0 && newUsageRatio > 1.0)
                || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
            return currentReplicas;
        }
        int newReplicas = (int) Math.ceil(newUsageRatio * podsCounted);
        if ((newUsageRatio < 1.0 && newReplicas > currentReplicas)
                || (newUsageRatio > 1.0 && newReplicas < currentReplicas)) {
            return currentReplicas;
        }
        return newReplicas;
    }

    /** GetMetricUsageRatio's average: integer division, as in Go. */
    private static long averageUsage(Map<String, PodMetric> metrics) {
        return metrics.values().stream().mapToLong(PodMetric::value).sum() / metrics.size();
    }

    private static PodMetric value(long milli) {
        return new PodMetric(milli, Instant.EPOCH, Duration.ZERO);
    }

    /** GetResourceUtilizationRatio: samples of pods without a request (extraneous ones) are skipped. */
    private record Utilization(double ratio, int percent) {

        static Utilization of(Map<String, PodMetric> metrics, Map<String, Long> requests, int targetUtilization) {
            long metricsTotal = 0;
            long requestsTotal = 0;
            for (Map.Entry<String, PodMetric> metric : metrics.entrySet()) {
                Long request = requests.get(metric.getKey());
                if (request != null) {
                    metricsTotal += metric.getValue().value();
                    requestsTotal += request;
                }
            }
            if (requestsTotal == 0) {
                throw new MetricUnavailableException("no metrics returned matched known pods");
            }
            int percent = (int) (metricsTotal * 100 / requestsTotal);
            return new Utilization((double) percent / targetUtilization, percent);
        }
    }
}
