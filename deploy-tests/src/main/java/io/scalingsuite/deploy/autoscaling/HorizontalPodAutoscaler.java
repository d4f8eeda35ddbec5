package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HorizontalPodAutoscaler as the controller runs it (horizontal.go {@code reconcileAutoscaler}), driven by the
 * caller: every {@link ControllerOptions#syncPeriod()} ({@link #due()}) it passes the target's replica count, the pods
 * its selector matches and the metrics APIs' samples, and gets the replica count to set. Time comes from the clock
 * given to the constructor, never from sleeping.
 *
 * <p>
 * Per sync: outside [min, max] the count is brought back at once; else each metric proposes a count
 * ({@link ReplicaCalculator}, {@link ExternalReplicas}) and the largest wins (kubernetes.io "Scaling on multiple
 * metrics"; {@code computeReplicasForMetrics}: if some metric fails and the rest would scale down, nothing happens);
 * then it is stabilized and limited, with {@code behavior} by {@code normalizeDesiredReplicasWithBehaviors}, without
 * by {@code normalizeDesiredReplicas}.
 */
public final class HorizontalPodAutoscaler {

    private final HpaSpec spec;
    private final ControllerOptions options;
    private final InstantSource clock;
    private final ReplicaCalculator calculator;
    private final ExternalReplicas external;
    private final Recommendations recommendations = new Recommendations();
    private final ScaleEvents events = new ScaleEvents();
    private Instant lastSync;

    public HorizontalPodAutoscaler(HpaSpec spec, ControllerOptions options, InstantSource clock) {
        this.spec = spec;
        this.options = options;
        this.clock = clock;
        this.calculator = new ReplicaCalculator(options);
        this.external = new ExternalReplicas(options);
    }

    public HorizontalPodAutoscaler(HpaSpec spec, InstantSource clock) {
        this(spec, ControllerOptions.defaults(), clock);
    }

    public HpaSpec spec() {
        return spec;
    }

    /** Whether a sync period has passed since the last sync (or none happened yet). */
    public boolean due() {
        return lastSync == null || !clock.instant().isBefore(lastSync.plus(options.syncPeriod()));
    }

    /**
     * Reconciles once, at the clock's current instant.
     *
     * @param currentReplicas the target's {@code spec.replicas}
     * @param pods the pods its selector matches, terminating and failed ones included
     */
    public Decision sync(int currentReplicas, List<PodStatus> pods, MetricsSnapshot metrics) {
        Instant now = clock.instant();
        lastSync = now;
        recommendations.recordInitial(currentReplicas, now);
        Map<String, Proposal> proposals = new LinkedHashMap<>();
        int desired;
        String reason;
        if (currentReplicas == 0) {
            return new Decision(now, 0, 0, proposals, "ScalingDisabled", null);
        } else if (currentReplicas > spec.maxReplicas()) {
            desired = spec.maxReplicas();
            reason = "Current number of replicas above Spec.MaxReplicas";
        } else if (currentReplicas < spec.minReplicas()) {
            desired = spec.minReplicas();
            reason = "Current number of replicas below Spec.MinReplicas";
        } else {
            String error = propose(currentReplicas, pods, metrics, now, proposals);
            int metricDesired = proposals.values().stream().mapToInt(Proposal::replicas).max().orElse(0);
            if (error != null && (proposals.isEmpty() || metricDesired < currentReplicas)) {
                return new Decision(now, currentReplicas, currentReplicas, proposals, "FailedGetMetrics", error);
            }
            ScalingLimits.Limited limited = normalize(currentReplicas, Math.max(0, metricDesired), now);
            desired = limited.replicas();
            reason = limited.reason();
        }
        if (desired != currentReplicas) {
            events.store(spec.behavior(), currentReplicas, desired, now);
        }
        return new Decision(now, currentReplicas, desired, proposals, reason, null);
    }

    /** Each metric's proposal into {@code proposals}; the first failure's message, or null. */
    private String propose(int currentReplicas, List<PodStatus> pods, MetricsSnapshot metrics, Instant now,
            Map<String, Proposal> proposals) {
        String firstError = null;
        for (MetricSpec metric : spec.metrics()) {
            try {
                proposals.put(metric.toString(), propose(metric, currentReplicas, pods, metrics, now));
            } catch (MetricUnavailableException e) {
                firstError = firstError != null ? firstError : metric + ": " + e.getMessage();
            }
        }
        return firstError;
    }

    private Proposal propose(MetricSpec metric, int currentReplicas, List<PodStatus> pods, MetricsSnapshot metrics,
            Instant now) {
        return switch (metric.source()) {
            case RESOURCE -> metric.targetType() == MetricSpec.Target.UTILIZATION
                    ? calculator.resourceReplicas(currentReplicas, (int) metric.target(), metric.name(), pods,
                            metrics.samples(metric.key()), now)
                    : calculator.plainMetricReplicas(currentReplicas, metric.target(), metric.name(), pods,
                            metrics.samples(metric.key()), now);
            case PODS -> calculator.plainMetricReplicas(currentReplicas, metric.target(), "", pods,
                    metrics.samples(metric.key()), now);
            case EXTERNAL -> metric.targetType() == MetricSpec.Target.VALUE
                    ? external.value(currentReplicas, metric.target(), metrics.external().get(metric.key()), pods)
                    : external.perPod(activePods(pods), metric.target(), metrics.external().get(metric.key()));
        };
    }

    /** The scale subresource's {@code status.replicas}: the pods neither terminating nor terminated. */
    private static int activePods(List<PodStatus> pods) {
        return (int) pods.stream().filter(pod -> !pod.deleting() && !pod.terminal()).count();
    }

    private ScalingLimits.Limited normalize(int currentReplicas, int desired, Instant now) {
        Behavior behavior = spec.behavior();
        if (behavior == null) {
            int stabilized = recommendations.stabilize(desired, options.downscaleStabilization(), now);
            return ScalingLimits.withRules(currentReplicas, stabilized, spec.minReplicas(), spec.maxReplicas());
        }
        Integer downWindow = behavior.scaleDown().stabilizationWindowSeconds();
        int stabilized = recommendations.stabilize(currentReplicas, desired,
                behavior.scaleUp().stabilizationWindowSeconds(),
                downWindow != null ? downWindow : (int) options.downscaleStabilization().toSeconds(), now);
        return ScalingLimits.withBehaviorRate(currentReplicas, stabilized, spec.minReplicas(), spec.maxReplicas(),
                behavior, events, now);
    }
}
