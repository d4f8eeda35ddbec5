package io.scalingsuite.deploy.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.scalingsuite.deploy.Chart;
import io.scalingsuite.deploy.autoscaling.ScalingRules.Select;

/**
 * The chart's rendered HorizontalPodAutoscalers read into {@link HpaSpec}s (helm-java, no cluster), so the e2e harness
 * scales each Deployment with the chart's own min, max, metrics and behavior.
 */
class ChartHpaTest {

    private static final Chart CHART = Chart.fromSystemProperty();
    private static final String GATEWAY = "scaling-suite-gateway";
    private static final Map<String, HpaSpec> DEFAULTS = HpaSpecs.fromChart(CHART, Map.of());

    @Test
    void shouldReadOneSpecPerAutoscaledDeployment() {
        assertEquals(List.of("scaling-suite-catalog", "scaling-suite-aggregation", GATEWAY),
                new ArrayList<>(DEFAULTS.keySet()));
    }

    @Test
    void shouldReadTheChartsDefaultHpa() {
        Behavior behavior = new Behavior(
                new ScalingRules(0, Select.MAX, List.of(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15))),
                new ScalingRules(300, Select.MIN, List.of(ScalingPolicy.percent(20, 60))));
        // no memory target by default: a JVM's working set does not fall with traffic, so it only holds pods up
        HpaSpec expected = new HpaSpec(GATEWAY, 2, 10, List.of(MetricSpec.resourceUtilization("cpu", 70)), behavior);
        assertEquals(expected, DEFAULTS.get(GATEWAY));
    }

    @Test
    void shouldReadAPodsMetricTargetInMilliUnits() {
        HpaSpec spec = HpaSpecs.fromChart(CHART, Map.of("gateway.autoscaling.targetRequestsPerSecond", "200"))
                .get(GATEWAY);
        assertEquals(MetricSpec.podsAverageValue("http_server_requests_per_second", 200_000), spec.metrics().get(1));
    }

    @Test
    void shouldDefaultUnsetBehaviorFieldsAsTheApiServerDoes() {
        // SetDefaults_HorizontalPodAutoscaler: minReplicas 1, CPU at 80 %, the unset direction and fields defaulted
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder().withNewSpec().withNewScaleTargetRef()
                .withKind("Deployment").withName("app").endScaleTargetRef().withMaxReplicas(5).withNewBehavior()
                .withNewScaleDown().withSelectPolicy("Disabled").endScaleDown().endBehavior().endSpec().build();
        HpaSpec expected = new HpaSpec("app", 1, 5, List.of(MetricSpec.resourceUtilization("cpu", 80)),
                new Behavior(ScalingRules.defaultScaleUp(),
                        new ScalingRules(null, Select.DISABLED, ScalingRules.defaultScaleDown().policies())));
        assertEquals(expected, HpaSpecs.from(hpa));
    }

    @Test
    void shouldKeepAnAbsentBehaviorAbsent() {
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder().withNewSpec().withNewScaleTargetRef()
                .withKind("Deployment").withName("app").endScaleTargetRef().withMinReplicas(2).withMaxReplicas(5)
                .endSpec().build();
        assertEquals(null, HpaSpecs.from(hpa).behavior());
    }

    @Test
    void shouldScaleTheGatewayWithTheChartsTargetsAndRequests() {
        // two gateway pods at twice the 70 % CPU target of their rendered request, memory at half its request: 4
        Map<String, Long> requests = requests(GATEWAY);
        List<PodStatus> pods = List.of(PodStatus.running("g0", Pods.LONG_AGO, true, Pods.LONG_AGO, requests),
                PodStatus.running("g1", Pods.LONG_AGO, true, Pods.LONG_AGO, requests));
        Map<String, PodMetric> cpu = new LinkedHashMap<>();
        Map<String, PodMetric> memory = new LinkedHashMap<>();
        for (PodStatus pod : pods) {
            cpu.put(pod.name(), new PodMetric(requests.get("cpu") * 140 / 100, Pods.NOW, Pods.WINDOW));
            memory.put(pod.name(), new PodMetric(requests.get("memory") / 2, Pods.NOW, Pods.WINDOW));
        }
        io.scalingsuite.deploy.autoscaling.HorizontalPodAutoscaler hpa =
                new io.scalingsuite.deploy.autoscaling.HorizontalPodAutoscaler(DEFAULTS.get(GATEWAY),
                        new MutableClock(Pods.NOW));
        Decision decision = hpa.sync(2, pods, new MetricsSnapshot(Map.of("cpu", cpu, "memory", memory), Map.of()));
        assertEquals(4, decision.desiredReplicas());
    }

    @Test
    void shouldBeBackAtMinReplicasWithinTenMinutesOfASurge() {
        // make bench-surge's quiet run after the surge: 5 gateway pods, CPU 90 % of one pod's request in all, each
        // pod's working set at 54 % of its memory request whatever the traffic (a JVM keeps its heap)
        Map<String, Long> requests = requests(GATEWAY);
        MutableClock clock = new MutableClock(Pods.NOW);
        io.scalingsuite.deploy.autoscaling.HorizontalPodAutoscaler hpa =
                new io.scalingsuite.deploy.autoscaling.HorizontalPodAutoscaler(DEFAULTS.get(GATEWAY), clock);
        int replicas = 5;
        List<Integer> counts = new ArrayList<>();
        for (int t = 15; t <= 600; t += 15) {
            clock.advanceSeconds(15);
            List<PodStatus> pods = new ArrayList<>();
            Map<String, PodMetric> cpu = new LinkedHashMap<>();
            Map<String, PodMetric> memory = new LinkedHashMap<>();
            for (int i = 0; i < replicas; i++) {
                pods.add(PodStatus.running("g" + i, Pods.LONG_AGO, true, Pods.LONG_AGO, requests));
                cpu.put("g" + i,
                        new PodMetric(requests.get("cpu") * 90 / 100 / replicas, clock.instant(), Pods.WINDOW));
                memory.put("g" + i, new PodMetric(requests.get("memory") * 54 / 100, clock.instant(), Pods.WINDOW));
            }
            replicas = hpa.sync(replicas, pods, new MetricsSnapshot(Map.of("cpu", cpu, "memory", memory), Map.of()))
                    .desiredReplicas();
            counts.add(replicas);
        }
        assertEquals(5, counts.get(18), "held for the 300-s stabilization window: " + counts);
        assertEquals(2, counts.get(counts.size() - 1), "back at minReplicas: " + counts);
    }

    /** The Deployment's pod requests as the harness reads them: summed over its containers, in milli-units. */
    private static Map<String, Long> requests(String deployment) {
        Deployment rendered = Chart.parse(CHART.template(Map.of())).stream().filter(Deployment.class::isInstance)
                .map(Deployment.class::cast).filter(d -> d.getMetadata().getName().equals(deployment)).findFirst()
                .orElseThrow();
        Map<String, Long> requests = new LinkedHashMap<>();
        rendered.getSpec().getTemplate().getSpec().getContainers().forEach(container -> {
            Map<String, Quantity> declared = container.getResources().getRequests();
            declared.forEach((resource, quantity) -> requests.merge(resource, HpaSpecs.milli(quantity), Long::sum));
        });
        return requests;
    }
}
