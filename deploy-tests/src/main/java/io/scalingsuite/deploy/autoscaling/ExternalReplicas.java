package io.scalingsuite.deploy.autoscaling;

import java.util.List;

/**
 * replica_calculator.go for External metrics, whose series' values are summed: {@code GetExternalPerPodMetricReplicas}
 * (AverageValue, against the target's current pod count) and {@code GetExternalMetricReplicas} (Value, scaled by the
 * Running and Ready pods, which kubernetes.io "Algorithm details" says count for external metrics).
 */
final class ExternalReplicas {

    private final ControllerOptions options;

    ExternalReplicas(ControllerOptions options) {
        this.options = options;
    }

    /** AverageValue: ceil(total ÷ target) unless total ÷ (target × pods) is within the tolerance. */
    Proposal perPod(int statusReplicas, long targetPerPod, List<Long> values) {
        long usage = total(values);
        int replicas = statusReplicas;
        double usageRatio = usage / ((double) targetPerPod * statusReplicas);
        if (!options.withinTolerance(usageRatio)) {
            replicas = (int) Math.ceil((double) usage / targetPerPod);
        }
        long perPod = statusReplicas == 0 ? 0 : (long) Math.ceil((double) usage / statusReplicas);
        return new Proposal(replicas, perPod);
    }

    /** Value ({@code getUsageRatioReplicaCount}): ceil(total ÷ target × Running and Ready pods). */
    Proposal value(int currentReplicas, long target, List<Long> values, List<PodStatus> pods) {
        long usage = total(values);
        double usageRatio = (double) usage / target;
        if (currentReplicas == 0) {
            return new Proposal((int) Math.ceil(usageRatio), usage);
        }
        if (options.withinTolerance(usageRatio)) {
            return new Proposal(currentReplicas, usage);
        }
        if (pods.isEmpty()) {
            throw new MetricUnavailableException("no pods returned by selector while calculating replica count");
        }
        long ready = pods.stream().filter(PodStatus::runningAndReady).count();
        return new Proposal((int) Math.ceil(usageRatio * ready), usage);
    }

    private static long total(List<Long> values) {
        if (values == null || values.isEmpty()) {
            throw new MetricUnavailableException("no metrics returned from external metrics API");
        }
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
