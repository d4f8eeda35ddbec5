package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * horizontal.go's rate limits. With {@code behavior}: {@code convertDesiredReplicasWithBehaviorRate} over
 * {@code calculateScaleUpLimitWithScalingRules} and {@code calculateScaleDownLimitWithBehaviors} (kubernetes.io
 * "Scaling policies": each policy's limit counts from the replicas at the start of its period; {@code selectPolicy} Max
 * takes the policy allowing the largest change, Min the smallest, Disabled none). Without: the legacy
 * {@code convertDesiredReplicasWithRules}, whose scale-up limit is max(2 × current, 4) at every sync.
 */
public final class ScalingLimits {

    /** The normalized count and the ScalingLimited condition's reason horizontal.go sets for it. */
    public record Limited(int replicas, String reason) {
    }

    private ScalingLimits() {
    }

    /** calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now. */
    static int scaleUpLimit(int current, ScaleEvents events, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == ScalingRules.Select.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == ScalingRules.Select.MIN;
        IntBinaryOperator select = min ? Math::min : Math::max;
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int start = periodStart(current, events, policy, now);
            int proposed = policy.type() == ScalingPolicy.Type.PODS ? start + policy.value()
                    // rounded up, or a small percentage of few pods would never add one
                    : (int) Math.ceil(start * (1 + policy.value() / 100.0));
            result = select.applyAsInt(result, proposed);
        }
        return result;
    }

    /** calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now. */
    static int scaleDownLimit(int current, ScaleEvents events, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == ScalingRules.Select.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == ScalingRules.Select.MIN;
        IntBinaryOperator select = min ? Math::max : Math::min;
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int start = periodStart(current, events, policy, now);
            int proposed = policy.type() == ScalingPolicy.Type.PODS ? start - policy.value()
                    : (int) (start * (1 - policy.value() / 100.0));
            result = select.applyAsInt(result, proposed);
        }
        return result;
    }

    /** The replicas at the start of the policy's period: current, less those added, plus those removed since. */
    private static int periodStart(int current, ScaleEvents events, ScalingPolicy policy, Instant now) {
        List<ScaleEvents.Event> up = events.up;
        List<ScaleEvents.Event> down = events.down;
        return current - ScaleEvents.changePerPeriod(policy.periodSeconds(), up, now)
                + ScaleEvents.changePerPeriod(policy.periodSeconds(), down, now);
    }

    /** convertDesiredReplicasWithBehaviorRate: the stabilized recommendation within the policies and min/max. */
    public static Limited withBehaviorRate(int current, int desired, int minReplicas, int maxReplicas,
            Behavior behavior, ScaleEvents events, Instant now) {
        if (desired > current) {
            // a limit below current (policies changed after recent scale-ups) means: no scale-up until it passes
            int limit = Math.max(scaleUpLimit(current, events, behavior.scaleUp(), now), current);
            boolean rateLimits = maxReplicas > limit;
            int allowed = rateLimits ? limit : maxReplicas;
            if (desired > allowed) {
                return new Limited(allowed, rateLimits ? "ScaleUpLimit" : "TooManyReplicas");
            }
        } else if (desired < current) {
            int limit = Math.min(scaleDownLimit(current, events, behavior.scaleDown(), now), current);
            boolean rateLimits = minReplicas < limit;
            int allowed = rateLimits ? limit : minReplicas;
            if (desired < allowed) {
                return new Limited(allowed, rateLimits ? "ScaleDownLimit" : "TooFewReplicas");
            }
        }
        return new Limited(desired, "DesiredWithinRange");
    }

    /** convertDesiredReplicasWithRules (no {@code behavior}): min, max, and at most max(2 × current, 4). */
    public static Limited withRules(int current, int desired, int minReplicas, int maxReplicas) {
        int scaleUpLimit = (int) Math.max(2.0 * current, 4.0);
        boolean rateLimits = maxReplicas > scaleUpLimit;
        int maximum = rateLimits ? scaleUpLimit : maxReplicas;
        if (desired < minReplicas) {
            return new Limited(minReplicas, "TooFewReplicas");
        }
        if (desired > maximum) {
            return new Limited(maximum, rateLimits ? "ScaleUpLimit" : "TooManyReplicas");
        }
        return new Limited(desired, "DesiredWithinRange");
    }
}
