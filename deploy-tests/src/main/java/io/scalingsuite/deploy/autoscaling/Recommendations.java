package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's log of unstabilized recommendations for one HPA, and the stabilization over it (kubernetes.io
 * "Algorithm details", last paragraph, and "Configurable scaling behavior" / "Stabilization window"). An entry that has
 * left every window is overwritten rather than appended, as horizontal.go does, so the log stays short.
 */
final class Recommendations {

    /** timestampedRecommendation. */
    record Timestamped(int replicas, Instant at) {
    }

    private final List<Timestamped> log;
    private boolean initialized;

    Recommendations() {
        this(List.of());
    }

    /** A log holding {@code entries} (tests start from horizontal_test.go's logs). */
    Recommendations(List<Timestamped> entries) {
        this.log = new ArrayList<>(entries);
        this.initialized = !entries.isEmpty();
    }

    /** recordInitialRecommendation: the first sync records the current replica count. */
    void recordInitial(int currentReplicas, Instant now) {
        if (!initialized) {
            log.add(new Timestamped(currentReplicas, now));
            initialized = true;
        }
    }

    /**
     * stabilizeRecommendation (no {@code behavior}): the highest recommendation within {@code window}, this one
     * included.
     */
    int stabilize(int desired, Duration window, Instant now) {
        int highest = desired;
        int oldIndex = -1;
        Instant cutoff = now.minus(window);
        for (int i = 0; i < log.size(); i++) {
            Timestamped entry = log.get(i);
            if (entry.at().isBefore(cutoff)) {
                oldIndex = i;
            } else {
                highest = Math.max(highest, entry.replicas());
            }
        }
        record(oldIndex, desired, now);
        return highest;
    }

    /**
     * stabilizeRecommendationWithBehaviors: the current count moved up to at most the lowest recommendation within the
     * scale-up window, and down to at least the highest within the scale-down window, this one included.
     */
    int stabilize(int currentReplicas, int desired, int upWindowSeconds, int downWindowSeconds, Instant now) {
        int up = desired;
        int down = desired;
        Instant upCutoff = now.minusSeconds(upWindowSeconds);
        Instant downCutoff = now.minusSeconds(downWindowSeconds);
        int oldIndex = -1;
        for (int i = 0; i < log.size(); i++) {
            Timestamped entry = log.get(i);
            if (entry.at().isAfter(upCutoff)) {
                up = Math.min(up, entry.replicas());
            }
            if (entry.at().isAfter(downCutoff)) {
                down = Math.max(down, entry.replicas());
            }
            if (entry.at().isBefore(upCutoff) && entry.at().isBefore(downCutoff)) {
                oldIndex = i;
            }
        }
        int recommendation = currentReplicas;
        if (recommendation < up) {
            recommendation = up;
        }
        if (recommendation > down) {
            recommendation = down;
        }
        record(oldIndex, desired, now);
        return recommendation;
    }

    private void record(int oldIndex, int desired, Instant now) {
        if (oldIndex >= 0) {
            log.set(oldIndex, new Timestamped(desired, now));
        } else {
            log.add(new Timestamped(desired, now));
        }
    }

    int size() {
        return log.size();
    }
}
