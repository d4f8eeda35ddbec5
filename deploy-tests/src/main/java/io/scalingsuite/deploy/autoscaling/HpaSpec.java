package io.scalingsuite.deploy.autoscaling;

import java.util.List;

/**
 * The part of an autoscaling/v2 HorizontalPodAutoscaler's spec the controller's computation reads, as the API server
 * stores it (defaulted: see {@link HpaSpecs#from}).
 *
 * @param target the scale target's name (the Deployment)
 * @param behavior null when the HPA has no {@code behavior}: the controller then takes its legacy path
 *        ({@code normalizeDesiredReplicas}), not the documented default policies
 */
public record HpaSpec(String target, int minReplicas, int maxReplicas, List<MetricSpec> metrics, Behavior behavior) {

    public HpaSpec {
        metrics = List.copyOf(metrics);
        if (minReplicas < 1 || maxReplicas < minReplicas || metrics.isEmpty()) {
            throw new IllegalArgumentException(
                    "need 1 <= minReplicas <= maxReplicas and a metric: " + minReplicas + ", " + maxReplicas);
        }
    }

    public HpaSpec withBehavior(Behavior newBehavior) {
        return new HpaSpec(target, minReplicas, maxReplicas, metrics, newBehavior);
    }
}
