package io.scalingsuite.deploy;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V2HPAScalingPolicy;
import io.kubernetes.client.openapi.models.V2HPAScalingRules;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscalerSpec;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import io.kubernetes.client.openapi.models.V2MetricTarget;

/** The {@link ApiServerRules} on HorizontalPodAutoscalers (autoscaling/v2) and PodDisruptionBudgets (policy/v1). */
final class AutoscalingRules {

    private AutoscalingRules() {
    }

    /** validateHorizontalPodAutoscalerSpec: 1 ≤ minReplicas ≤ maxReplicas, a target kind and name. */
    static void replicaBounds(Object object, Consumer<String> violation) {
        if (!(object instanceof V2HorizontalPodAutoscaler hpa)) {
            return;
        }
        V2HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (min < 1) {
            violation.accept("minReplicas " + min + " must be at least 1");
        }
        if (spec.getMaxReplicas() < Math.max(min, 1)) {
            violation.accept("maxReplicas " + spec.getMaxReplicas() + " must be at least minReplicas " + min);
        }
        if (isBlank(spec.getScaleTargetRef().getKind()) || isBlank(spec.getScaleTargetRef().getName())) {
            violation.accept("scaleTargetRef needs a kind and a name");
        }
    }

    /**
     * validateMetricSpec and validateMetricTarget: the source the type names, and only it; Resource targets
     * Utilization or AverageValue, Pods AverageValue, Object and External Value or AverageValue; the target's value set
     * and above zero.
     */
    static void metricTargets(Object object, Consumer<String> violation) {
        if (!(object instanceof V2HorizontalPodAutoscaler hpa) || hpa.getSpec().getMetrics() == null) {
            return;
        }
        for (V2MetricSpec metric : hpa.getSpec().getMetrics()) {
            long sources = java.util.stream.Stream.of(metric.getResource(), metric.getPods(), metric.getObject(),
                    metric.getExternal(), metric.getContainerResource()).filter(java.util.Objects::nonNull).count();
            V2MetricTarget target = switch (String.valueOf(metric.getType())) {
                case "Resource" -> metric.getResource() == null ? null : metric.getResource().getTarget();
                case "Pods" -> metric.getPods() == null ? null : metric.getPods().getTarget();
                case "Object" -> metric.getObject() == null ? null : metric.getObject().getTarget();
                case "External" -> metric.getExternal() == null ? null : metric.getExternal().getTarget();
                case "ContainerResource" ->
                    metric.getContainerResource() == null ? null : metric.getContainerResource().getTarget();
                default -> null;
            };
            if (target == null || sources != 1) {
                violation.accept(metric.getType() + " metric must set its own source, and only it");
                continue;
            }
            Set<String> allowed = switch (metric.getType()) {
                case "Resource", "ContainerResource" -> Set.of("Utilization", "AverageValue");
                case "Pods" -> Set.of("AverageValue");
                default -> Set.of("Value", "AverageValue");
            };
            if (!allowed.contains(target.getType())) {
                violation.accept(metric.getType() + " metric target type " + target.getType() + " is not one of "
                        + allowed);
                continue;
            }
            boolean set = switch (target.getType()) {
                case "Utilization" -> target.getAverageUtilization() != null && target.getAverageUtilization() > 0;
                case "AverageValue" -> positive(target.getAverageValue());
                default -> positive(target.getValue());
            };
            if (!set) {
                violation.accept(metric.getType() + " metric target " + target.getType() + " needs a value above 0");
            }
        }
    }

    /**
     * validateScalingRules: stabilization 0-3600 s, selectPolicy Max, Min or Disabled, policies of type Pods or
     * Percent with a value above 0 and a period of 1-1800 s.
     */
    static void behaviorPolicies(Object object, Consumer<String> violation) {
        if (!(object instanceof V2HorizontalPodAutoscaler hpa) || hpa.getSpec().getBehavior() == null) {
            return;
        }
        scalingRules("scaleUp", hpa.getSpec().getBehavior().getScaleUp(), violation);
        scalingRules("scaleDown", hpa.getSpec().getBehavior().getScaleDown(), violation);
    }

    private static void scalingRules(String direction, V2HPAScalingRules rules, Consumer<String> violation) {
        if (rules == null) {
            return;
        }
        Integer window = rules.getStabilizationWindowSeconds();
        if (window != null && (window < 0 || window > 3600)) {
            violation.accept(direction + " stabilizationWindowSeconds " + window + " is not within 0-3600");
        }
        if (rules.getSelectPolicy() != null && !Set.of("Max", "Min", "Disabled").contains(rules.getSelectPolicy())) {
            violation.accept(direction + " selectPolicy " + rules.getSelectPolicy() + " is not Max, Min or Disabled");
        }
        List<V2HPAScalingPolicy> policies = rules.getPolicies() == null ? List.of() : rules.getPolicies();
        for (V2HPAScalingPolicy policy : policies) {
            if (!Set.of("Pods", "Percent").contains(policy.getType()) || policy.getValue() <= 0
                    || policy.getPeriodSeconds() <= 0 || policy.getPeriodSeconds() > 1800) {
                violation.accept(direction + " policy " + policy.getType() + " " + policy.getValue() + " per "
                        + policy.getPeriodSeconds() + " s: type Pods or Percent, value > 0, period 1-1800 s");
            }
        }
    }

    /**
     * ValidatePodDisruptionBudgetSpec: minAvailable and maxUnavailable are exclusive (the chart sets exactly one), each
     * a count of at least 0 or a percentage up to 100 %.
     */
    static void pdbOneOfMinMax(Object object, Consumer<String> violation) {
        if (!(object instanceof V1PodDisruptionBudget pdb)) {
            return;
        }
        IntOrString min = pdb.getSpec().getMinAvailable();
        IntOrString max = pdb.getSpec().getMaxUnavailable();
        if ((min == null) == (max == null)) {
            violation.accept(
                    "exactly one of minAvailable and maxUnavailable, not " + (min == null ? "neither" : "both"));
        }
        for (IntOrString value : java.util.Arrays.asList(min, max)) {
            if (value != null && !(value.isInteger() ? value.getIntValue() >= 0
                    : value.getStrValue().matches("(100|[1-9]?[0-9])%"))) {
                violation.accept(value + " is neither a count of at least 0 nor a percentage up to 100%");
            }
        }
    }

    private static boolean positive(Quantity quantity) {
        return quantity != null && quantity.getNumber().signum() > 0;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
