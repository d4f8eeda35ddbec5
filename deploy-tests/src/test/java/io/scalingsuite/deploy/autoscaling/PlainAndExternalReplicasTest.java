package io.scalingsuite.deploy.autoscaling;

import static io.scalingsuite.deploy.autoscaling.Pods.NOW;
import static io.scalingsuite.deploy.autoscaling.Pods.hot;
import static io.scalingsuite.deploy.autoscaling.Pods.neverReady;
import static io.scalingsuite.deploy.autoscaling.Pods.ready;
import static io.scalingsuite.deploy.autoscaling.Pods.samples;
import static io.scalingsuite.deploy.autoscaling.Pods.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link ReplicaCalculator#plainMetricReplicas} (Pods metrics and Resource AverageValue targets) and
 * {@link ExternalReplicas}: the "CM" (custom metric) and External cases of replica_calculator_test.go, values in
 * milli-units (20000 is 20 requests per second).
 */
class PlainAndExternalReplicasTest {

    private final ReplicaCalculator calculator = new ReplicaCalculator(ControllerOptions.defaults());
    private final ExternalReplicas external = new ExternalReplicas(ControllerOptions.defaults());

    private Proposal pods(int current, long target, List<PodStatus> pods, long... levels) {
        return calculator.plainMetricReplicas(current, target, "", pods, samples(levels), NOW);
    }

    @Test
    void shouldDoubleWhenAverageValueIsTwiceTheTarget() {
        // docs: current 200m, desired 100m: replicas doubled
        assertEquals(new Proposal(6, 200), pods(3, 100, ready(3), 200, 200, 200));
    }

    @Test
    void shouldHalveWhenAverageValueIsHalfTheTarget() {
        // docs: current 50m, desired 100m: replicas halved
        assertEquals(new Proposal(2, 50), pods(4, 100, ready(4), 50, 50, 50, 50));
    }

    @Test
    void shouldScaleUpOnPodsMetric() {
        // TestReplicaCalcScaleUpCM: average 20000 against 15000, ceil(1.33 × 3) = 4
        assertEquals(new Proposal(4, 20000), pods(3, 15000, ready(3), 20000, 10000, 30000));
    }

    @Test
    void shouldScaleDownOnPodsMetric() {
        // TestReplicaCalcScaleDownCM
        assertEquals(new Proposal(3, 12000), pods(5, 20000, ready(5), 12000, 12000, 12000, 12000, 12000));
    }

    @Test
    void shouldKeepReplicasWhenPodsMetricIsWithinTolerance() {
        // TestReplicaCalcToleranceCM: average 20666 (integer division) against 20000
        assertEquals(new Proposal(3, 20666), pods(3, 20000, ready(3), 20000, 21000, 21000));
    }

    @Test
    void shouldCountUnreadyPodsOfAPodsMetric() {
        // TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale: readiness rules are CPU's only, all 3 pods count
        List<PodStatus> pods = with(ready(3), 2, hot("p2", 1000));
        assertEquals(new Proposal(6, 30000), pods(3, 15000, pods, 50000, 10000, 30000));
    }

    @Test
    void shouldCountNeverReadyPodsOfAPodsMetric() {
        // TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown: average 31666, ceil(2.11 × 3) = 7
        List<PodStatus> pods = with(with(ready(3), 0, neverReady("p0", 1000)), 2, neverReady("p2", 1000));
        assertEquals(new Proposal(7, 31666), pods(3, 15000, pods, 50000, 15000, 30000));
    }

    @Test
    void shouldAssumeMissingPodsAtTheTargetOnScaleDown() {
        // calcPlainMetricReplicas: 5000 (0.5) becomes 7500 with p1 at the 10000 target, ceil(0.75 × 2) = 2
        assertEquals(new Proposal(2, 5000), pods(2, 10000, ready(2), 5000));
    }

    @Test
    void shouldApplyCpuReadinessRulesToResourceAverageValue() {
        // GetRawResourceReplicas passes the resource name: a hot CPU pod is set aside and counted at 0 on scale-up
        List<PodStatus> pods = with(ready(3), 0, hot("p0", 1000));
        assertEquals(new Proposal(4, 600),
                calculator.plainMetricReplicas(3, 300, "cpu", pods, samples(300, 500, 700), NOW));
    }

    @Test
    void shouldScaleUpOnExternalAverageValue() {
        // TestReplicaCalcScaleUpPerPodCMExternal: 8600 ÷ 2150 per pod = 4 pods
        assertEquals(new Proposal(4, 2867), external.perPod(3, 2150, List.of(8600L)));
    }

    @Test
    void shouldScaleDownOnExternalAverageValue() {
        // TestReplicaCalcScaleDownPerPodCMExternal
        assertEquals(new Proposal(3, 1720), external.perPod(5, 2867, List.of(8600L)));
    }

    @Test
    void shouldKeepReplicasWhenExternalAverageValueIsWithinTolerance() {
        // TestReplicaCalcTolerancePerPodCMExternal
        assertEquals(new Proposal(3, 2867), external.perPod(3, 2900, List.of(8600L)));
    }

    @Test
    void shouldSumTheSeriesOfAnExternalMetric() {
        assertEquals(new Proposal(4, 2867), external.perPod(3, 2150, List.of(4300L, 4300L)));
    }

    @Test
    void shouldScaleUpOnExternalValue() {
        // TestReplicaCalcScaleUpCMExternal: 8600 against 4400 with 1 ready pod
        assertEquals(new Proposal(2, 8600), external.value(1, 4400, List.of(8600L), ready(1)));
    }

    @Test
    void shouldScaleDownOnExternalValue() {
        // TestReplicaCalcScaleDownCMExternal: ceil(8600 ÷ 14334 × 5) = 3
        assertEquals(new Proposal(3, 8600), external.value(5, 14334, List.of(8600L), ready(5)));
    }

    @Test
    void shouldCountOnlyReadyPodsForExternalValue() {
        // TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods: one Ready pod of 3, ceil(1.95 × 1) = 2
        List<PodStatus> pods = with(with(ready(3), 0, neverReady("p0", 1000)), 2, neverReady("p2", 1000));
        assertEquals(new Proposal(2, 8600), external.value(3, 4400, List.of(8600L), pods));
    }

    @Test
    void shouldKeepReplicasWhenExternalValueIsWithinTolerance() {
        // TestReplicaCalcToleranceCMExternal
        assertEquals(new Proposal(3, 8600), external.value(3, 8888, List.of(8600L), ready(3)));
    }

    @Test
    void shouldFailWhenTheExternalMetricHasNoSeries() {
        MetricUnavailableException failure = assertThrows(MetricUnavailableException.class,
                () -> external.perPod(3, 100, List.of()));
        assertEquals("no metrics returned from external metrics API", failure.getMessage());
    }
}
