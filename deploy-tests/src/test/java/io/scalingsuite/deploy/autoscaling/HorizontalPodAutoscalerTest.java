package io.scalingsuite.deploy.autoscaling;

import static io.scalingsuite.deploy.autoscaling.Pods.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.scalingsuite.deploy.autoscaling.ScalingRules.Select;

/**
 * {@link HorizontalPodAutoscaler} synced every 15 s on a hand-moved clock, the load spread evenly over the replicas it
 * asks for (each new pod Ready at once): kubernetes.io "Scaling on multiple metrics", "Stabilization window", "Default
 * behavior", "Example: disable scale down", and horizontal.go's handling of min/max and failing metrics.
 */
class HorizontalPodAutoscalerTest {

    private static final MetricSpec CPU_50 = MetricSpec.resourceUtilization("cpu", 50);
    private static final MetricSpec MEMORY_50 = MetricSpec.resourceUtilization("memory", 50);
    /** The chart's default behavior: up by 100 % or 4 pods per 15 s, down by 20 % per minute after 300 s. */
    private static final Behavior CHART_LIKE = new Behavior(
            new ScalingRules(0, Select.MAX, List.of(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15))),
            new ScalingRules(300, Select.MIN, List.of(ScalingPolicy.percent(20, 60))));

    private final MutableClock clock = new MutableClock(NOW);

    /** The target: its replicas follow each decision; CPU and memory requests of 1000 each. */
    private final class Target {
        final HorizontalPodAutoscaler hpa;
        int replicas;

        Target(HpaSpec spec, int replicas) {
            this.hpa = new HorizontalPodAutoscaler(spec, clock);
            this.replicas = replicas;
        }

        /** One sync with {@code cpu} and {@code memory} milli-units in all, spread evenly over the pods. */
        Decision sync(long cpu, long memory) {
            List<PodStatus> pods = new ArrayList<>();
            Map<String, PodMetric> cpuSamples = new LinkedHashMap<>();
            Map<String, PodMetric> memorySamples = new LinkedHashMap<>();
            for (int i = 0; i < replicas; i++) {
                pods.add(PodStatus.running("p" + i, Pods.LONG_AGO, true, Pods.LONG_AGO,
                        Map.of("cpu", 1000L, "memory", 1000L)));
                cpuSamples.put("p" + i, new PodMetric(cpu / replicas, clock.instant(), Pods.WINDOW));
                memorySamples.put("p" + i, new PodMetric(memory / replicas, clock.instant(), Pods.WINDOW));
            }
            Decision decision = hpa.sync(replicas, pods,
                    new MetricsSnapshot(Map.of("cpu", cpuSamples, "memory", memorySamples), Map.of()));
            replicas = decision.desiredReplicas();
            return decision;
        }

        /** Syncs every 15 s for {@code seconds} under a constant load; the replica count after each sync. */
        List<Integer> run(int seconds, long cpu) {
            List<Integer> counts = new ArrayList<>();
            for (int t = 0; t < seconds; t += 15) {
                clock.advanceSeconds(15);
                counts.add(sync(cpu, 0).desiredReplicas());
            }
            return counts;
        }
    }

    private static HpaSpec spec(int min, int max, Behavior behavior, MetricSpec... metrics) {
        return new HpaSpec("app", min, max, List.of(metrics), behavior);
    }

    @Test
    void shouldScaleUpAtTheFirstSync() {
        // 2 pods at 100 % against 50 %: 4
        Target target = new Target(spec(1, 10, Behavior.defaults(), CPU_50), 2);
        assertEquals(4, target.sync(2000, 0).desiredReplicas());
    }

    @Test
    void shouldTakeTheLargestProposalOfSeveralMetrics() {
        // CPU proposes 3, memory 6: the HPA takes 6
        Target target = new Target(spec(1, 10, Behavior.defaults(), CPU_50, MEMORY_50), 3);
        Decision decision = target.sync(1500, 3000);
        assertEquals(6, decision.desiredReplicas());
        assertEquals(Map.of("cpu resource utilization (percentage of request)", new Proposal(3, 50),
                "memory resource utilization (percentage of request)", new Proposal(6, 100)), decision.proposals());
    }

    @Test
    void shouldBringReplicasAboveMaxDownToMaxWithoutMetrics() {
        Decision decision = new Target(spec(1, 10, Behavior.defaults(), CPU_50), 12).sync(0, 0);
        assertEquals(10, decision.desiredReplicas());
        assertEquals("Current number of replicas above Spec.MaxReplicas", decision.reason());
    }

    @Test
    void shouldBringReplicasBelowMinUpToMinWithoutMetrics() {
        Decision decision = new Target(spec(2, 10, Behavior.defaults(), CPU_50), 1).sync(0, 0);
        assertEquals(2, decision.desiredReplicas());
        assertEquals("Current number of replicas below Spec.MinReplicas", decision.reason());
    }

    @Test
    void shouldNotScaleATargetAtZeroReplicas() {
        // docs "Implicit maintenance-mode deactivation"
        Decision decision = new Target(spec(2, 10, Behavior.defaults(), CPU_50), 0).sync(0, 0);
        assertEquals(0, decision.desiredReplicas());
        assertEquals("ScalingDisabled", decision.reason());
    }

    @Test
    void shouldNotScaleUpBeyondMaxReplicas() {
        Decision decision = new Target(spec(1, 5, Behavior.defaults(), CPU_50), 4).sync(8000, 0);
        assertEquals(new Decision(NOW, 4, 5, decision.proposals(), "TooManyReplicas", null), decision);
    }

    @Test
    void shouldNotScaleDownWhileAMetricFails() {
        // docs "Algorithm details": a metric that cannot be fetched while the rest suggest a scale-down skips scaling
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(spec(1, 10, Behavior.defaults(), CPU_50, MEMORY_50),
                clock);
        Decision decision = hpa.sync(4, Pods.ready(4), MetricsSnapshot.ofPods("cpu", Pods.samples(10, 10, 10, 10)));
        assertEquals(4, decision.desiredReplicas());
        assertEquals("memory resource utilization (percentage of request): unable to get metric memory: "
                + "no metrics returned", decision.error());
    }

    @Test
    void shouldScaleUpWhileAMetricFailsIfAnotherAsksForMore() {
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(spec(1, 10, Behavior.defaults(), CPU_50, MEMORY_50),
                clock);
        Decision decision = hpa.sync(2, Pods.ready(2), MetricsSnapshot.ofPods("cpu", Pods.samples(1000, 1000)));
        assertEquals(4, decision.desiredReplicas());
        assertNull(decision.error());
    }

    @Test
    void shouldLimitScaleUpFromOnePodToFourWithoutBehavior() {
        // no behavior: normalizeDesiredReplicas' scale-up limit max(2 × 1, 4), not the documented default policies
        assertEquals(4, new Target(spec(1, 10, null, CPU_50), 1).sync(5000, 0).desiredReplicas());
    }

    @Test
    void shouldAddFourPodsToOnePodWithDefaultBehavior() {
        // behavior with defaulted scaleUp (docs "Default behavior"): max(1 + 4, 1 × 2) = 5
        assertEquals(5, new Target(spec(1, 10, Behavior.defaults(), CPU_50), 1).sync(5000, 0).desiredReplicas());
    }

    @Test
    void shouldHoldScaleDownThroughTheStabilizationWindow() {
        // docs "Stabilization window": all desired states of the past 300 s are considered, the highest used
        Target target = new Target(spec(1, 10, CHART_LIKE, CPU_50), 10);
        target.sync(5000, 0);
        assertEquals(List.of(10), target.run(285, 1000).stream().distinct().toList());
    }

    @Test
    void shouldScaleDownOnceTheWindowHasPassed() {
        Target target = new Target(spec(1, 10, CHART_LIKE, CPU_50), 10);
        target.sync(5000, 0);
        target.run(285, 1000);
        clock.advanceSeconds(15);
        assertEquals(8, target.sync(1000, 0).desiredReplicas());
    }

    @Test
    void shouldRemoveAtMostTwentyPercentPerMinute() {
        // the chart's scale-down policy, counted from the replicas a minute earlier: 10, 8 (×4 syncs), 6, ...
        Target target = new Target(spec(1, 10, CHART_LIKE, CPU_50), 10);
        target.sync(5000, 0);
        target.run(285, 1000);
        assertEquals(List.of(8, 8, 8, 8, 6, 6, 6, 6, 4, 4, 4, 4, 3, 3, 3, 3, 2), target.run(255, 1000));
    }

    @Test
    void shouldScaleDownAfterAOneMinuteWindow() {
        // docs "Example: change downscale stabilization window": 60 s, the default 100 % per 15 s
        Behavior behavior = new Behavior(ScalingRules.defaultScaleUp(),
                new ScalingRules(60, Select.MAX, ScalingRules.defaultScaleDown().policies()));
        Target target = new Target(spec(1, 10, behavior, CPU_50), 10);
        target.sync(5000, 0);
        assertEquals(List.of(10, 10, 10, 2), target.run(60, 1000));
    }

    @Test
    void shouldScaleDownToTheRecommendationAtOnceAfterFiveMinutesWithDefaultBehavior() {
        // docs "Default behavior": the controller's 300 s window, then 100 % of the pods may go
        Target target = new Target(spec(1, 10, Behavior.defaults(), CPU_50), 10);
        target.sync(5000, 0);
        List<Integer> counts = target.run(300, 1000);
        assertEquals(List.of(10, 2), List.of(counts.get(18), counts.get(19)));
    }

    @Test
    void shouldNeverScaleDownWhenScaleDownIsDisabled() {
        // docs "Example: disable scale down"
        Behavior behavior = new Behavior(ScalingRules.defaultScaleUp(),
                new ScalingRules(null, Select.DISABLED, ScalingRules.defaultScaleDown().policies()));
        Target target = new Target(spec(1, 10, behavior, CPU_50), 6);
        assertEquals(List.of(6), target.run(900, 500).stream().distinct().toList());
    }

    @Test
    void shouldDoubleEverySyncUnderASurge() {
        // chart-like scale-up (100 % or 4 pods per 15 s): 2 pods, load for 20 at 50 %: 6, 12, 20
        Target target = new Target(spec(2, 20, CHART_LIKE, CPU_50), 2);
        assertEquals(List.of(6, 12, 20, 20), target.run(60, 10000));
    }

    @Test
    void shouldBeDueOncePerSyncPeriod() {
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(spec(1, 10, null, CPU_50), clock);
        assertTrue(hpa.due());
        hpa.sync(2, Pods.ready(2), MetricsSnapshot.ofPods("cpu", Pods.samples(500, 500)));
        clock.advanceSeconds(14);
        assertFalse(hpa.due());
        clock.advanceSeconds(1);
        assertTrue(hpa.due());
    }
}
