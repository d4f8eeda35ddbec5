package io.scalingsuite.deploy.autoscaling;

import java.util.List;

/**
 * HPAScalingRules for one direction, defaulted as the API server defaults them ({@code GenerateHPAScaleUpRules},
 * {@code GenerateHPAScaleDownRules} in pkg/apis/autoscaling/v2/defaults.go; kubernetes.io "Default behavior").
 *
 * @param stabilizationWindowSeconds null only for scale-down left unset: the controller then uses
 *        {@link ControllerOptions#downscaleStabilization()} ({@code maybeInitScaleDownStabilizationWindow})
 */
public record ScalingRules(Integer stabilizationWindowSeconds, Select selectPolicy, List<ScalingPolicy> policies) {

    /** ScalingPolicySelect. */
    public enum Select {
        /** The policy allowing the largest change (the default). */
        MAX,
        /** The policy allowing the smallest change. */
        MIN,
        /** No scaling in this direction. */
        DISABLED
    }

    public ScalingRules {
        policies = List.copyOf(policies);
    }

    /** 0 s window, Max of 4 pods and 100 % per 15 s. */
    public static ScalingRules defaultScaleUp() {
        return new ScalingRules(0, Select.MAX, List.of(ScalingPolicy.pods(4, 15), ScalingPolicy.percent(100, 15)));
    }

    /** The controller's window (300 s by default), 100 % per 15 s. */
    public static ScalingRules defaultScaleDown() {
        return new ScalingRules(null, Select.MAX, List.of(ScalingPolicy.percent(100, 15)));
    }

    /** copyHPAScalingRules: each field the user set replaces the default's. */
    static ScalingRules merge(Integer window, Select select, List<ScalingPolicy> policies, ScalingRules defaults) {
        return new ScalingRules(window != null ? window : defaults.stabilizationWindowSeconds(),
                select != null ? select : defaults.selectPolicy(), policies != null ? policies : defaults.policies());
    }

    /** getLongestPolicyPeriod. */
    int longestPolicyPeriod() {
        return policies.stream().mapToInt(ScalingPolicy::periodSeconds).max().orElse(0);
    }
}
