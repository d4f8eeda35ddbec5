package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.util.Map;

/**
 * What the controller reads from a Pod the target's selector matches: its phase, deletion, start time, Ready condition
 * and requests.
 *
 * @param startTime {@code status.startTime}; null before the kubelet started it
 * @param ready the Ready condition's status; null when the pod has no Ready condition
 * @param readySince the Ready condition's {@code lastTransitionTime}
 * @param requests the pod's request per resource name, milli-units, summed over its containers (a resource missing here
 *        is a container without that request: the Resource metric then fails, as {@code calculateRequests} does)
 */
public record PodStatus(String name, Phase phase, boolean deleting, Instant startTime, Boolean ready,
        Instant readySince, Map<String, Long> requests) {

    /** PodPhase. */
    public enum Phase {
        PENDING, RUNNING, SUCCEEDED, FAILED
    }

    public PodStatus {
        requests = Map.copyOf(requests);
    }

    /** A running pod, started at {@code startTime}, Ready (or not) since {@code readySince}. */
    public static PodStatus running(String name, Instant startTime, boolean ready, Instant readySince,
            Map<String, Long> requests) {
        return new PodStatus(name, Phase.RUNNING, false, startTime, ready, readySince, requests);
    }

    /** podutil.IsPodTerminal. */
    boolean terminal() {
        return phase == Phase.SUCCEEDED || phase == Phase.FAILED;
    }

    /** Running and Ready: the pods getReadyPodsCount counts (for External Value targets). */
    boolean runningAndReady() {
        return phase == Phase.RUNNING && Boolean.TRUE.equals(ready);
    }

    public PodStatus withPhase(Phase newPhase) {
        return new PodStatus(name, newPhase, deleting, startTime, ready, readySince, requests);
    }

    public PodStatus deleted() {
        return new PodStatus(name, phase, true, startTime, ready, readySince, requests);
    }
}
