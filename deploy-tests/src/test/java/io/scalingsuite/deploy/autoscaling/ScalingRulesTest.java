package io.scalingsuite.deploy.autoscaling;

import static io.scalingsuite.deploy.autoscaling.Pods.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.scalingsuite.deploy.autoscaling.ScalingLimits.Limited;
import io.scalingsuite.deploy.autoscaling.ScalingRules.Select;

/**
 * {@link ScalingLimits}: the cases of horizontal_test.go's TestScalingWithRules, TestCalculateScaleUpLimitWithScalingRules,
 * TestCalculateScaleDownLimitWithBehaviors and TestConvertDesiredReplicasWithRules, and the rate examples of
 * kubernetes.io "Configurable scaling behavior".
 */
class ScalingRulesTest {

    private static final ScalingRules NO_RULES = new ScalingRules(0, Select.MAX, List.of());

    /** horizontal_test.go generateScalingRules: Max of the given Pods and Percent policies (0 leaves one out). */
    private static ScalingRules rules(int pods, int podsPeriod, int percent, int percentPeriod) {
        List<ScalingPolicy> policies = new ArrayList<>();
        if (pods != 0) {
            policies.add(ScalingPolicy.pods(pods, podsPeriod));
        }
        if (percent != 0) {
            policies.add(ScalingPolicy.percent(percent, percentPeriod));
        }
        return new ScalingRules(0, Select.MAX, policies);
    }

    /** generateEventsUniformDistribution: the changes spread evenly over the last {@code period} seconds. */
    private static List<ScaleEvents.Event> spread(int period, int... changes) {
        List<ScaleEvents.Event> events = new ArrayList<>();
        double segment = (double) period / changes.length;
        for (int i = 0; i < changes.length; i++) {
            long ago = (long) (period - segment * (i + 1) + segment / 2);
            events.add(new ScaleEvents.Event(changes[i], NOW.minusSeconds(ago)));
        }
        return events;
    }

    private static ScaleEvents events(List<ScaleEvents.Event> up, List<ScaleEvents.Event> down) {
        ScaleEvents events = new ScaleEvents();
        events.up.addAll(up);
        events.down.addAll(down);
        return events;
    }

    private static Limited up(int current, int desired, int max, ScalingRules rules, ScaleEvents events) {
        return ScalingLimits.withBehaviorRate(current, desired, 1, max, new Behavior(rules, NO_RULES), events, NOW);
    }

    private static Limited down(int current, int desired, int min, ScalingRules rules, ScaleEvents events) {
        return ScalingLimits.withBehaviorRate(current, desired, min, 1000, new Behavior(NO_RULES, rules), events, NOW);
    }

    private static ScaleEvents none() {
        return new ScaleEvents();
    }

    @Test
    void shouldDoubleAtMostWithDefaultScaleUpRules() {
        // "scaleUp with default behavior": max(10 + 4, 10 × 2) = 20
        assertEquals(new Limited(20, "ScaleUpLimit"), up(10, 50, 1000, ScalingRules.defaultScaleUp(), none()));
    }

    @Test
    void shouldAddFourPodsAtMostToFewPodsWithDefaultScaleUpRules() {
        // docs "Default behavior": 4 pods or 100 %, the larger, every 15 s: 2 + 4 = 6
        assertEquals(new Limited(6, "ScaleUpLimit"), up(2, 10, 1000, ScalingRules.defaultScaleUp(), none()));
    }

    @Test
    void shouldSelectLargerPodsPolicyOnScaleUp() {
        // "scaleUp with pods policy larger than percent policy": 10 + 100
        assertEquals(new Limited(110, "ScaleUpLimit"), up(10, 500, 1000, rules(100, 60, 100, 60), none()));
    }

    @Test
    void shouldSelectLargerPercentPolicyOnScaleUp() {
        // "scaleUp with percent policy larger than pods policy": 10 × 2
        assertEquals(new Limited(20, "ScaleUpLimit"), up(10, 500, 1000, rules(2, 60, 100, 60), none()));
    }

    @Test
    void shouldRoundPercentScaleUpUp() {
        // "scaleUpLimit is the limit ... with user policies": 1 % of 3 pods still adds one
        assertEquals(new Limited(4, "ScaleUpLimit"), up(3, 1000, 2000, rules(0, 0, 1, 60), none()));
    }

    @Test
    void shouldCapScaleUpAtMaxReplicas() {
        // "maxReplicas is the limit because maxReplicas < scaleUpLimit" with events: 200 < 100 - 15 + 300
        ScaleEvents events = events(spread(120, 1, 5, 9), List.of());
        assertEquals(new Limited(200, "TooManyReplicas"), up(100, 500, 200, rules(300, 60, 0, 0), events));
    }

    @Test
    void shouldCountScaleUpsWithinThePeriodAgainstThePodsPolicy() {
        // "scaleUp with pod policy and previous scale up events": 100 - 15 + 150
        ScaleEvents events = events(spread(120, 1, 5, 9), List.of());
        assertEquals(new Limited(235, "ScaleUpLimit"), up(100, 500, 1000, rules(150, 120, 0, 0), events));
    }

    @Test
    void shouldCountScaleUpsWithinThePeriodAgainstThePercentPolicy() {
        // "scaleUp with percent policy and previous scale up events": (100 - 15) × 3
        ScaleEvents events = events(spread(120, 1, 5, 9), List.of());
        assertEquals(new Limited(255, "ScaleUpLimit"), up(100, 500, 1000, rules(0, 0, 200, 120), events));
    }

    @Test
    void shouldNotScaleUpWhenThePeriodsAllowanceIsUsed() {
        // "scaleUp with currentReplicas limitation ... a lot of recent scale up events": 100 - 15 + 5 < 100
        ScaleEvents events = events(spread(120, 1, 5, 9), List.of());
        assertEquals(new Limited(100, "ScaleUpLimit"), up(100, 500, 1000, rules(5, 120, 0, 0), events));
    }

    @Test
    void shouldStartPeriodFromReplicasBeforeBothScaleUpsAndScaleDowns() {
        // "scaleUp with percent policy and previous scale up and down events": (6 - 4 + 2) × 4 = 16
        ScaleEvents events = events(spread(120, 4), spread(120, 2));
        assertEquals(new Limited(16, "ScaleUpLimit"), up(6, 24, 1000, rules(0, 0, 300, 300), events));
    }

    @Test
    void shouldIgnoreEventsOlderThanThePeriod() {
        // the events of "check 'outdated' flag for events for one behavior for up": only 9 + 11 of the last 60 s
        // count, so the period began at 80 replicas: 80 + 25 (with all four it would be 100 - 40 + 25 < 100)
        ScaleEvents events = events(spread(120, 8, 12, 9, 11), List.of());
        assertEquals(new Limited(105, "ScaleUpLimit"), up(100, 200, 1000, rules(25, 60, 0, 0), events));
    }

    @Test
    void shouldSelectPercentPolicyOnScaleDownWhenItRemovesMore() {
        // "scaleDown with percent policy larger than pod policy": 100 - 20 % = 80 rather than 100 - 1
        assertEquals(new Limited(80, "ScaleDownLimit"), down(100, 2, 1, rules(20, 60, 1, 60), none()));
    }

    @Test
    void shouldSelectPodsPolicyOnScaleDownWhenItRemovesMore() {
        // "scaleDown with pod policy larger than percent policy": 100 - 2
        assertEquals(new Limited(98, "ScaleDownLimit"), down(100, 2, 1, rules(2, 60, 1, 60), none()));
    }

    @Test
    void shouldStopScaleDownAtMinReplicas() {
        // "scaleDown with spec MinReplicas limitation with large percent policy"
        assertEquals(new Limited(5, "TooFewReplicas"), down(10, 2, 5, rules(0, 0, 100, 60), none()));
    }

    @Test
    void shouldCountScaleDownsWithinThePeriodAgainstThePercentPolicy() {
        // "scaleDown with percent policy limitation and previous events": (100 + 12) × 50 % = 56
        ScaleEvents events = events(List.of(), spread(120, 2, 4, 6));
        assertEquals(new Limited(56, "ScaleDownLimit"), down(100, 0, 1, rules(0, 0, 50, 120), events));
    }

    @Test
    void shouldNotScaleDownWhenThePeriodsAllowanceIsUsed() {
        // "scaleDown with previous events preventing further scale down": (100 + 30) × 90 % = 117 > 100
        ScaleEvents events = events(List.of(), spread(120, 10, 10, 10));
        assertEquals(new Limited(100, "ScaleDownLimit"), down(100, 0, 1, rules(0, 0, 10, 120), events));
    }

    @Test
    void shouldTakeSmallestScaleUpWithMinSelectPolicy() {
        // TestCalculateScaleUpLimitWithScalingRules: min(1 + 2, ceil(1 × 1.5)) = 2
        ScalingRules rules = new ScalingRules(300, Select.MIN,
                List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)));
        assertEquals(2, ScalingLimits.scaleUpLimit(1, none(), rules, NOW));
    }

    @Test
    void shouldTakeSmallestScaleDownWithMinSelectPolicy() {
        // TestCalculateScaleDownLimitWithBehaviors: max(5 - 2, floor(5 × 0.5)) = 3
        ScalingRules rules = new ScalingRules(300, Select.MIN,
                List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)));
        assertEquals(3, ScalingLimits.scaleDownLimit(5, none(), rules, NOW));
    }

    @Test
    void shouldRemoveTenPercentOfEightyReplicasInTheFirstStep() {
        // docs "Scaling policies": 4 pods or 10 % per 60 s, the larger: 80 → 72
        ScalingRules rules = new ScalingRules(0, Select.MAX,
                List.of(ScalingPolicy.pods(4, 60), ScalingPolicy.percent(10, 60)));
        assertEquals(new Limited(72, "ScaleDownLimit"), down(80, 10, 1, rules, none()));
    }

    @Test
    void shouldRoundTenPercentOfSeventyTwoUpToEight() {
        // docs: "when the number of replicas is 72, 10% of the pods is 7.2 but the number is rounded up to 8"
        ScalingRules rules = new ScalingRules(0, Select.MAX,
                List.of(ScalingPolicy.pods(4, 60), ScalingPolicy.percent(10, 60)));
        assertEquals(new Limited(64, "ScaleDownLimit"), down(72, 10, 1, rules, none()));
    }

    @Test
    void shouldRemoveFourPodsWhenBelowFortyReplicas() {
        // docs: "When the number of replicas falls below 40 the first policy (Pods) is applied"
        ScalingRules rules = new ScalingRules(0, Select.MAX,
                List.of(ScalingPolicy.pods(4, 60), ScalingPolicy.percent(10, 60)));
        assertEquals(new Limited(26, "ScaleDownLimit"), down(30, 10, 1, rules, none()));
    }

    @Test
    void shouldRemoveAtMostFivePodsWithMinSelectPolicy() {
        // docs "Example: limit scale down rate": 10 % or 5 pods per minute, Min: 100 → 95
        ScalingRules rules = new ScalingRules(0, Select.MIN,
                List.of(ScalingPolicy.percent(10, 60), ScalingPolicy.pods(5, 60)));
        assertEquals(new Limited(95, "ScaleDownLimit"), down(100, 10, 1, rules, none()));
    }

    @Test
    void shouldRemoveTenPercentWhenSmallerWithMinSelectPolicy() {
        // the same rules at 20 replicas: 10 % (2 pods) is the smaller change
        ScalingRules rules = new ScalingRules(0, Select.MIN,
                List.of(ScalingPolicy.percent(10, 60), ScalingPolicy.pods(5, 60)));
        assertEquals(new Limited(18, "ScaleDownLimit"), down(20, 10, 1, rules, none()));
    }

    @Test
    void shouldNotScaleDownWhenDisabled() {
        // docs "Example: disable scale down": selectPolicy Disabled
        ScalingRules rules = new ScalingRules(null, Select.DISABLED, List.of(ScalingPolicy.percent(100, 15)));
        assertEquals(new Limited(10, "ScaleDownLimit"), down(10, 2, 1, rules, none()));
    }

    @Test
    void shouldNotScaleUpWhenDisabled() {
        ScalingRules rules = new ScalingRules(0, Select.DISABLED, List.of(ScalingPolicy.pods(4, 15)));
        assertEquals(new Limited(10, "ScaleUpLimit"), up(10, 20, 1000, rules, none()));
    }

    @Test
    void shouldLimitLegacyScaleUpToDoubleOrFour() {
        // TestConvertDesiredReplicasWithRules, with the controller's real factor 2 (the Go test sets 8): max(2 × 3, 4)
        assertEquals(new Limited(6, "ScaleUpLimit"), ScalingLimits.withRules(3, 1000, 1, 2000));
        assertEquals(new Limited(4, "ScaleUpLimit"), ScalingLimits.withRules(1, 1000, 1, 2000));
    }

    @Test
    void shouldClampLegacyNormalizationToMinAndMax() {
        // TestConvertDesiredReplicasWithRules: below min, above max, within range
        assertEquals(new Limited(2, "TooFewReplicas"), ScalingLimits.withRules(3, 1, 2, 8));
        assertEquals(new Limited(10, "TooManyReplicas"), ScalingLimits.withRules(20, 1000, 1, 10));
        assertEquals(new Limited(7, "DesiredWithinRange"), ScalingLimits.withRules(5, 7, 3, 8));
    }
}
