package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's scale-up and scale-down events for one HPA (timestampedScaleEvent), from which a policy's period
 * start count is worked out: kubernetes.io "Scaling policies", {@code periodSeconds} "indicates the length of time in
 * the past for which the policy must hold true". Kept only when the HPA has a {@code behavior} ({@code storeScaleEvent}).
 */
final class ScaleEvents {

    /** A change of {@code change} replicas (non-negative) at {@code at}; outdated events are reused. */
    static final class Event {
        final int change;
        final Instant at;
        boolean outdated;

        Event(int change, Instant at) {
            this.change = change;
            this.at = at;
        }
    }

    final List<Event> up = new ArrayList<>();
    final List<Event> down = new ArrayList<>();

    /** storeScaleEvent: record a rescale from {@code previous} to {@code next} replicas. */
    void store(Behavior behavior, int previous, int next, Instant now) {
        if (behavior == null) {
            return;
        }
        if (next > previous) {
            store(up, behavior.scaleUp().longestPolicyPeriod(), next - previous, now);
        } else {
            store(down, behavior.scaleDown().longestPolicyPeriod(), previous - next, now);
        }
    }

    private static void store(List<Event> events, int longestPolicyPeriod, int change, Instant now) {
        // markScaleEventsOutdated: no policy looks further back than its longest period
        Instant cutoff = now.minusSeconds(longestPolicyPeriod);
        int oldIndex = -1;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.at.isBefore(cutoff)) {
                event.outdated = true;
            }
            if (event.outdated) {
                oldIndex = i;
            }
        }
        if (oldIndex >= 0) {
            events.set(oldIndex, new Event(change, now));
        } else {
            events.add(new Event(change, now));
        }
    }

    /** getReplicasChangePerPeriod: the replicas changed strictly within the last {@code periodSeconds}. */
    static int changePerPeriod(int periodSeconds, List<Event> events, Instant now) {
        Instant cutoff = now.minusSeconds(periodSeconds);
        return events.stream().filter(event -> event.at.isAfter(cutoff)).mapToInt(event -> event.change).sum();
    }
}
