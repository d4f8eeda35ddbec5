package io.scalingsuite.deploy.autoscaling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.scalingsuite.deploy.Chart;

/** {@link HpaSpec}s read from rendered HorizontalPodAutoscalers, so the e2e harness scales with the chart's settings. */
public final class HpaSpecs {

    /** autoscaling.DefaultCPUUtilization: the metric an HPA without metrics gets. */
    private static final int DEFAULT_CPU_UTILIZATION = 80;

    private HpaSpecs() {
    }

    /** The chart rendered with {@code values} ({@code --set} keys): one spec per HPA, by scale target name. */
    public static Map<String, HpaSpec> fromChart(Chart chart, Map<String, Object> values) {
        Map<String, HpaSpec> specs = new LinkedHashMap<>();
        Chart.parse(chart.template(values)).stream().filter(HorizontalPodAutoscaler.class::isInstance)
                .map(object -> from((HorizontalPodAutoscaler) object))
                .forEach(spec -> specs.put(spec.target(), spec));
        return specs;
    }

    /**
     * The spec as the API server would store it (SetDefaults_HorizontalPodAutoscaler): minReplicas 1 when unset, CPU at
     * 80 % when no metric is given, and a {@code behavior}'s unset fields from the defaults.
     */
    public static HpaSpec from(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        List<MetricSpec> metrics = spec.getMetrics() == null || spec.getMetrics().isEmpty()
                ? List.of(MetricSpec.resourceUtilization(MetricSpec.CPU, DEFAULT_CPU_UTILIZATION))
                : spec.getMetrics().stream().map(HpaSpecs::metric).toList();
        Behavior behavior = spec.getBehavior() == null ? null
                : new Behavior(rules(spec.getBehavior().getScaleUp(), ScalingRules.defaultScaleUp()),
                        rules(spec.getBehavior().getScaleDown(), ScalingRules.defaultScaleDown()));
        return new HpaSpec(spec.getScaleTargetRef().getName(), min, spec.getMaxReplicas(), metrics, behavior);
    }

    private static ScalingRules rules(HPAScalingRules rules, ScalingRules defaults) {
        if (rules == null) {
            return defaults;
        }
        ScalingRules.Select select = rules.getSelectPolicy() == null ? null
                : ScalingRules.Select.valueOf(rules.getSelectPolicy().toUpperCase(java.util.Locale.ROOT));
        // fabric8 reads an absent list as empty; the API server rejects an empty one, so empty means unset here
        List<ScalingPolicy> policies = rules.getPolicies() == null || rules.getPolicies().isEmpty() ? null
                : rules.getPolicies().stream().map(policy -> new ScalingPolicy(
                        ScalingPolicy.Type.valueOf(policy.getType().toUpperCase(java.util.Locale.ROOT)),
                        policy.getValue(), policy.getPeriodSeconds())).toList();
        return ScalingRules.merge(rules.getStabilizationWindowSeconds(), select, policies, defaults);
    }

    private static MetricSpec metric(io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec metric) {
        return switch (metric.getType()) {
            case "Resource" -> {
                MetricTarget target = metric.getResource().getTarget();
                String name = metric.getResource().getName();
                yield "Utilization".equals(target.getType())
                        ? MetricSpec.resourceUtilization(name, target.getAverageUtilization())
                        : MetricSpec.resourceAverageValue(name, milli(target.getAverageValue()));
            }
            case "Pods" -> MetricSpec.podsAverageValue(metric.getPods().getMetric().getName(),
                    milli(metric.getPods().getTarget().getAverageValue()));
            case "External" -> {
                MetricTarget target = metric.getExternal().getTarget();
                String name = metric.getExternal().getMetric().getName();
                yield "Value".equals(target.getType()) ? MetricSpec.externalValue(name, milli(target.getValue()))
                        : MetricSpec.externalAverageValue(name, milli(target.getAverageValue()));
            }
            default -> throw new IllegalArgumentException(metric.getType() + " metrics are not ported");
        };
    }

    /** Quantity.MilliValue(): rounded up to a whole milli-unit. */
    public static long milli(Quantity quantity) {
        BigDecimal amount = Quantity.getAmountInBytes(quantity);
        return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
