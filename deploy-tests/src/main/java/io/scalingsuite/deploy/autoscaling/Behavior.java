package io.scalingsuite.deploy.autoscaling;

/** HorizontalPodAutoscalerBehavior, both directions defaulted ({@link ScalingRules}). */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    /** What the API server stores for {@code behavior: {}}: both directions' defaults. */
    public static Behavior defaults() {
        return new Behavior(ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());
    }
}
