package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;

/**
 * The kube-controller-manager flags the HPA controller reads, with their defaults ("Algorithm details" and "Pod
 * readiness and autoscaling metrics" on kubernetes.io).
 *
 * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period} (15 s)
 * @param tolerance {@code --horizontal-pod-autoscaler-tolerance} (0.1), both directions
 * @param cpuInitializationPeriod {@code --horizontal-pod-autoscaler-cpu-initialization-period} (5 min)
 * @param initialReadinessDelay {@code --horizontal-pod-autoscaler-initial-readiness-delay} (30 s)
 * @param downscaleStabilization {@code --horizontal-pod-autoscaler-downscale-stabilization} (5 min): the window without
 *        {@code behavior}, and a {@code behavior.scaleDown} without {@code stabilizationWindowSeconds}
 */
public record ControllerOptions(Duration syncPeriod, double tolerance, Duration cpuInitializationPeriod,
        Duration initialReadinessDelay, Duration downscaleStabilization) {

    public static ControllerOptions defaults() {
        return new ControllerOptions(Duration.ofSeconds(15), 0.1, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    /** Tolerances.isWithin: no change while {@code 1 - tolerance <= ratio <= 1 + tolerance}. */
    boolean withinTolerance(double usageRatio) {
        return 1.0 - tolerance <= usageRatio && usageRatio <= 1.0 + tolerance;
    }
}
