package io.scalingsuite.deploy.autoscaling;

/**
 * One HPAScalingPolicy: at most {@code value} pods, or {@code value} percent of the replicas at the start of the
 * period, may be added (or removed) within any {@code periodSeconds}.
 */
public record ScalingPolicy(Type type, int value, int periodSeconds) {

    /** HPAScalingPolicyType. */
    public enum Type {
        PODS, PERCENT
    }

    public static ScalingPolicy pods(int value, int periodSeconds) {
        return new ScalingPolicy(Type.PODS, value, periodSeconds);
    }

    public static ScalingPolicy percent(int value, int periodSeconds) {
        return new ScalingPolicy(Type.PERCENT, value, periodSeconds);
    }
}
