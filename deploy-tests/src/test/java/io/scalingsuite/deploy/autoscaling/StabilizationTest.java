package io.scalingsuite.deploy.autoscaling;

import static io.scalingsuite.deploy.autoscaling.Pods.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.scalingsuite.deploy.autoscaling.Recommendations.Timestamped;

/**
 * {@link Recommendations}: horizontal_test.go's TestNormalizeDesiredReplicas (no {@code behavior}, 5-minute window),
 * and the windows of {@code stabilizeRecommendationWithBehaviors} (kubernetes.io "Stabilization window": a scale-down
 * uses the highest recommendation of the window; the scale-up window, the lowest).
 */
class StabilizationTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static Timestamped at(int replicas, Duration ago) {
        return new Timestamped(replicas, NOW.minus(ago));
    }

    @Test
    void shouldRecordTheFirstRecommendation() {
        // "empty log"
        Recommendations log = new Recommendations();
        assertEquals(5, log.stabilize(5, FIVE_MINUTES, NOW));
        assertEquals(1, log.size());
    }

    @Test
    void shouldKeepTheHighestRecentRecommendation() {
        // "stabilize"
        Recommendations log = new Recommendations(
                List.of(at(4, Duration.ofMinutes(2)), at(5, Duration.ofMinutes(1))));
        assertEquals(5, log.stabilize(3, FIVE_MINUTES, NOW));
    }

    @Test
    void shouldFollowARecommendationAboveTheRecentOnes() {
        // "no stabilize"
        Recommendations log = new Recommendations(
                List.of(at(1, Duration.ofMinutes(2)), at(2, Duration.ofMinutes(1))));
        assertEquals(3, log.stabilize(3, FIVE_MINUTES, NOW));
    }

    @Test
    void shouldForgetRecommendationsOlderThanTheWindow() {
        // "no stabilize - old recommendations"
        Recommendations log = new Recommendations(
                List.of(at(10, Duration.ofMinutes(10)), at(9, Duration.ofMinutes(9))));
        assertEquals(3, log.stabilize(3, FIVE_MINUTES, NOW));
    }

    @Test
    void shouldOverwriteAnOldRecommendationRatherThanGrow() {
        // "stabilize - old recommendations": 4 entries stay 4, the recent 5 wins
        Recommendations log = new Recommendations(List.of(at(10, Duration.ofMinutes(10)),
                at(4, Duration.ofMinutes(1)), at(5, Duration.ofMinutes(2)), at(9, Duration.ofMinutes(9))));
        assertEquals(5, log.stabilize(3, FIVE_MINUTES, NOW));
        assertEquals(4, log.size());
    }

    @Test
    void shouldHoldScaleDownAtTheHighestRecommendationOfTheScaleDownWindow() {
        Recommendations log = new Recommendations(
                List.of(at(8, Duration.ofMinutes(4)), at(6, Duration.ofMinutes(1))));
        assertEquals(8, log.stabilize(8, 4, 0, 300, NOW));
    }

    @Test
    void shouldScaleDownToTheHighestRecommendationStillInTheWindow() {
        Recommendations log = new Recommendations(
                List.of(at(8, Duration.ofMinutes(6)), at(6, Duration.ofMinutes(1))));
        assertEquals(6, log.stabilize(8, 4, 0, 300, NOW));
    }

    @Test
    void shouldScaleUpOnlyToTheLowestRecommendationOfTheScaleUpWindow() {
        Recommendations log = new Recommendations(
                List.of(at(4, Duration.ofSeconds(30)), at(6, Duration.ofSeconds(10))));
        assertEquals(4, log.stabilize(2, 8, 60, 300, NOW));
    }

    @Test
    void shouldScaleUpAtOnceWithAZeroScaleUpWindow() {
        // the default scale-up window is 0: "the target is scaled up immediately"
        Recommendations log = new Recommendations(
                List.of(at(2, Duration.ofSeconds(30)), at(2, Duration.ofSeconds(15))));
        assertEquals(8, log.stabilize(2, 8, 0, 300, NOW));
    }
}
