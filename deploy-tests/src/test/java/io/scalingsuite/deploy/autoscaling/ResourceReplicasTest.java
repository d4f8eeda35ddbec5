package io.scalingsuite.deploy.autoscaling;

import static io.scalingsuite.deploy.autoscaling.Pods.CPU;
import static io.scalingsuite.deploy.autoscaling.Pods.NOW;
import static io.scalingsuite.deploy.autoscaling.Pods.hot;
import static io.scalingsuite.deploy.autoscaling.Pods.neverReady;
import static io.scalingsuite.deploy.autoscaling.Pods.pending;
import static io.scalingsuite.deploy.autoscaling.Pods.ready;
import static io.scalingsuite.deploy.autoscaling.Pods.samples;
import static io.scalingsuite.deploy.autoscaling.Pods.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link ReplicaCalculator#resourceReplicas}: kubernetes.io "Algorithm details" and the GetResourceReplicas cases of
 * replica_calculator_test.go (named in each test's comment; pods there have two containers of the given request and
 * level, one pod here).
 */
class ResourceReplicasTest {

    private final ReplicaCalculator calculator = new ReplicaCalculator(ControllerOptions.defaults());

    private Proposal cpu(int current, int target, List<PodStatus> pods, long... levels) {
        return calculator.resourceReplicas(current, target, CPU, pods, samples(levels), NOW);
    }

    @Test
    void shouldDoubleWhenUsageIsTwiceTheTarget() {
        // docs: current 200m, desired 100m: 200.0 / 100.0 == 2.0, replicas doubled (here as 20 % of 1 CPU against 10 %)
        assertEquals(new Proposal(8, 20), cpu(4, 10, ready(4), 200, 200, 200, 200));
    }

    @Test
    void shouldHalveWhenUsageIsHalfTheTarget() {
        // docs: current 50m, desired 100m: 0.5, replicas halved
        assertEquals(new Proposal(2, 5), cpu(4, 10, ready(4), 50, 50, 50, 50));
    }

    @Test
    void shouldKeepReplicasWhenRatioIsWithinTolerance() {
        // TestReplicaCalcTolerance: 3060m of 3000m requested is 102 % of a 100 % target
        List<PodStatus> pods = List.of(ready("p0", 900), ready("p1", 1000), ready("p2", 1100));
        assertEquals(new Proposal(3, 102), cpu(3, 100, pods, 1010, 1030, 1020));
    }

    @Test
    void shouldScaleWhenRatioIsJustOutsideTolerance() {
        // 111 % of a 100 % target: 1.11 > 1.1, ceil(1.11 × 10) = 12
        assertEquals(12, cpu(10, 100, ready(10), 1110, 1110, 1110, 1110, 1110, 1110, 1110, 1110, 1110, 1110)
                .replicas());
    }

    @Test
    void shouldScaleUpByCeilOfRatioTimesReadyPods() {
        // TestReplicaCalcScaleUp: 50 % against 30 %, ceil(1.67 × 3) = 5
        assertEquals(new Proposal(5, 50), cpu(3, 30, ready(3), 300, 500, 700));
    }

    @Test
    void shouldScaleDownByCeilOfRatioTimesReadyPods() {
        // TestReplicaCalcScaleDown: 28 % against 50 %, ceil(0.56 × 5) = 3
        assertEquals(new Proposal(3, 28), cpu(5, 50, ready(5), 100, 300, 500, 250, 250));
    }

    @Test
    void shouldCountUnreadyPodAtZeroOnScaleUp() {
        // TestReplicaCalcScaleUpUnreadyLessScale: ready pods at 60 % (2.0), the unready one at 0 gives 40 %, 4 pods
        List<PodStatus> pods = with(ready(3), 0, neverReady("p0", 1000));
        assertEquals(new Proposal(4, 60), cpu(3, 30, pods, 300, 500, 700));
    }

    @Test
    void shouldCountHotCpuPodAtZeroOnScaleUp() {
        // TestReplicaCalcScaleUpHotCpuLessScale: a pod still initializing is set aside like an unready one
        List<PodStatus> pods = with(ready(3), 0, hot("p0", 1000));
        assertEquals(new Proposal(4, 60), cpu(3, 30, pods, 300, 500, 700));
    }

    @Test
    void shouldNotScaleWhenUnreadyPodsWouldReverseTheDirection() {
        // TestReplicaCalcScaleUpUnreadyNoScale: 40 % (up) becomes 13 % (down) with the two unready pods at 0
        List<PodStatus> pods = List.of(ready("p0", 1000), neverReady("p1", 1000), neverReady("p2", 1000));
        assertEquals(new Proposal(3, 40), cpu(3, 30, pods, 400, 500, 700));
    }

    @Test
    void shouldLeaveUnreadyPodsOutOfScaleDown() {
        // TestReplicaCalcScaleDownIncludeUnreadyPods: 30 % over the 3 ready pods, ceil(0.6 × 3) = 2
        List<PodStatus> pods = with(with(ready(5), 3, neverReady("p3", 1000)), 4, neverReady("p4", 1000));
        assertEquals(new Proposal(2, 30), cpu(5, 50, pods, 100, 300, 500, 250, 250));
    }

    @Test
    void shouldLeaveHotCpuPodsOutOfScaleDown() {
        // TestReplicaCalcScaleDownIgnoreHotCpuPods
        List<PodStatus> pods = with(with(ready(5), 3, hot("p3", 1000)), 4, hot("p4", 1000));
        assertEquals(new Proposal(2, 30), cpu(5, 50, pods, 100, 300, 500, 250, 250));
    }

    @Test
    void shouldLeavePendingPodsOutOfScaleDown() {
        // TestReplicaCalcScaleDownExcludeUnscheduledPods: only p0 runs, at 10 %: one pod
        List<PodStatus> pods = List.of(ready("p0", 1000), pending("p1", 1000), pending("p2", 1000),
                pending("p3", 1000), pending("p4", 1000));
        assertEquals(new Proposal(1, 10), cpu(5, 50, pods, 100));
    }

    @Test
    void shouldIgnoreFailedPods() {
        // TestReplicaCalcScaleUpIgnoresFailedPods: two failed pods neither count nor dampen the scale-up
        List<PodStatus> pods = List.of(ready("p0", 1000), ready("p1", 1000),
                neverReady("p2", 1000).withPhase(PodStatus.Phase.FAILED),
                neverReady("p3", 1000).withPhase(PodStatus.Phase.FAILED));
        assertEquals(new Proposal(4, 60), cpu(2, 30, pods, 500, 700));
    }

    @Test
    void shouldIgnorePodsBeingDeleted() {
        // TestReplicaCalcScaleUpIgnoresDeletionPods
        List<PodStatus> pods = List.of(ready("p0", 1000), ready("p1", 1000), neverReady("p2", 1000).deleted(),
                neverReady("p3", 1000).deleted());
        assertEquals(new Proposal(4, 60), cpu(2, 30, pods, 500, 700));
    }

    @Test
    void shouldCountPodThatTurnedUnreadyLongAfterItStarted() {
        // groupPods: past the initialization period only a pod never ready since its start is set aside
        PodStatus flapping = PodStatus.running("p0", Pods.LONG_AGO, false, NOW.minusSeconds(60), Map.of(CPU, 1000L));
        assertEquals(new Proposal(5, 50), cpu(3, 30, with(ready(3), 0, flapping), 300, 500, 700));
    }

    @Test
    void shouldSkipSamplesOfPodsNotSelectedButCountThemInTheReplicaCount() {
        // TestReplicaCalcSuperfluousMetrics: 587 % over the 4 pods, ceil(5.87 × 4) = 24
        assertEquals(new Proposal(24, 587), cpu(4, 100, ready(4), 4000, 9500, 3000, 7000, 3200, 2000));
    }

    @Test
    void shouldAssumeMissingPodsUseTheirWholeRequestOnScaleDown() {
        // TestReplicaCalcMissingMetrics: 24 % becomes 62 % with p2, p3 at 100 %, ceil(0.62 × 4) = 3
        assertEquals(new Proposal(3, 24), cpu(4, 100, ready(4), 400, 95));
    }

    @Test
    void shouldAssumeMissingPodsUseTheTargetWhenItIsAboveTheRequest() {
        // GetResourceReplicas' fallback max(100, target): 100 % against 150 % (0.67) becomes 116 % with p2 at 150 %,
        // ceil(0.77 × 3) = 3; at 100 % of its request p2 would have given ceil(0.67 × 3) = 2
        assertEquals(new Proposal(3, 100), cpu(3, 150, ready(3), 1000, 1000));
    }

    @Test
    void shouldKeepReplicasWhenMissingPodsLeaveRatioAtOne() {
        // TestReplicaCalcMissingMetricsNoChangeEq
        assertEquals(new Proposal(2, 100), cpu(2, 100, ready(2), 1000));
    }

    @Test
    void shouldKeepReplicasWhenMissingPodAtZeroBringsScaleUpWithinTolerance() {
        // TestReplicaCalcMissingMetricsNoChangeGt: 190 % becomes 95 %
        assertEquals(new Proposal(2, 190), cpu(2, 100, ready(2), 1900));
    }

    @Test
    void shouldKeepReplicasWhenMissingPodAtFullRequestRoundsBackUp() {
        // TestReplicaCalcMissingMetricsNoChangeLt: 60 % becomes 80 %, ceil(0.8 × 2) = 2
        assertEquals(new Proposal(2, 60), cpu(2, 100, ready(2), 600));
    }

    @Test
    void shouldNotScaleWhenMissingPodReversesScaleDown() {
        // TestReplicaCalcMissingMetricsUnreadyChange: 45 % (0.9) becomes 72 % (1.44) with p2 at 100 %
        assertEquals(new Proposal(3, 45), cpu(3, 50, with(ready(3), 0, neverReady("p0", 1000)), 100, 450));
    }

    @Test
    void shouldDampenScaleUpByMissingAndUnreadyPods() {
        // TestReplicaCalcMissingMetricsUnreadyScaleUp: 200 % becomes 66 % over 3 pods (1.32), 4
        assertEquals(new Proposal(4, 200), cpu(3, 50, with(ready(3), 0, neverReady("p0", 1000)), 100, 2000));
    }

    @Test
    void shouldScaleDownWithMissingPodAtFullRequestAndUnreadyPodLeftOut() {
        // TestReplicaCalcMissingMetricsUnreadyScaleDown: 10 % becomes 40 % over p1..p3, ceil(0.8 × 3) = 3
        assertEquals(new Proposal(3, 10), cpu(4, 50, with(ready(4), 0, neverReady("p0", 1000)), 100, 100, 100));
    }

    @Test
    void shouldNotScaleUpWhenRatioIsBelowOneDuringSurge() {
        // TestReplicaCalcDuringRollingUpdateWithMaxSurge: 3 pods for 2 replicas, ceil(0.8 × 3) = 3 > 2 on a ratio < 1
        assertEquals(new Proposal(2, 10), cpu(2, 50, ready(3), 100, 100));
    }

    @Test
    void shouldFailWhenAPodHasNoRequest() {
        // TestReplicaCalcEmptyCPURequest
        List<PodStatus> pods = List.of(PodStatus.running("p0", Pods.LONG_AGO, true, Pods.LONG_AGO, Map.of()));
        MetricUnavailableException failure = assertThrows(MetricUnavailableException.class,
                () -> cpu(1, 100, pods, 200));
        assertEquals("missing request for cpu in Pod p0", failure.getMessage());
    }

    @Test
    void shouldFailWhenEveryPodWithASampleIsUnready() {
        MetricUnavailableException failure = assertThrows(MetricUnavailableException.class,
                () -> cpu(2, 50, List.of(neverReady("p0", 1000), pending("p1", 1000)), 100));
        assertEquals("did not receive metrics for targeted pods (pods might be unready)", failure.getMessage());
    }

    @Test
    void shouldApplyNoReadinessRulesToMemory() {
        // groupPods applies the initialization period to CPU only: an unready pod's memory counts
        List<PodStatus> pods = List.of(PodStatus.running("p0", NOW, false, NOW, Map.of("memory", 1000L)),
                PodStatus.running("p1", NOW, false, NOW, Map.of("memory", 1000L)));
        assertEquals(new Proposal(4, 170),
                calculator.resourceReplicas(2, 85, "memory", pods, samples(1700, 1700), NOW));
    }
}
