package io.scalingsuite.deploy.autoscaling;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * replica_calculator.go {@code groupPods}: which pods count, which are set aside as unready, which have no sample, and
 * which are ignored. kubernetes.io "Algorithm details": pods being deleted and failed pods are discarded; a pending pod,
 * and for CPU a pod not yet ready (or whose sample began before it became ready), is set aside; "Pod readiness and
 * autoscaling metrics" gives the two periods.
 */
record PodGroups(int readyCount, Set<String> unready, Set<String> missing, Set<String> ignored) {

    /** Go's zero {@code time.Time}: a Ready condition without a transition time. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    static PodGroups of(List<PodStatus> pods, Map<String, PodMetric> metrics, String resource,
            ControllerOptions options, Instant now) {
        int ready = 0;
        Set<String> unready = new HashSet<>();
        Set<String> missing = new HashSet<>();
        Set<String> ignored = new HashSet<>();
        for (PodStatus pod : pods) {
            if (pod.deleting() || pod.terminal()) {
                ignored.add(pod.name());
            } else if (pod.phase() == PodStatus.Phase.PENDING) {
                unready.add(pod.name());
            } else if (!metrics.containsKey(pod.name())) {
                missing.add(pod.name());
            } else if (MetricSpec.CPU.equals(resource) && cpuUnready(pod, metrics.get(pod.name()), options, now)) {
                unready.add(pod.name());
            } else {
                ready++;
            }
        }
        return new PodGroups(ready, unready, missing, ignored);
    }

    private static boolean cpuUnready(PodStatus pod, PodMetric metric, ControllerOptions options, Instant now) {
        if (pod.ready() == null || pod.startTime() == null) {
            return true;
        }
        Instant readySince = pod.readySince() == null ? ZERO_TIME : pod.readySince();
        if (pod.startTime().plus(options.cpuInitializationPeriod()).isAfter(now)) {
            // still within the initialization period: unready, or the sample's window began before it became ready
            return !pod.ready() || metric.timestamp().isBefore(readySince.plus(metric.window()));
        }
        // later, only a pod that is unready and has never been ready (it went unready right after starting)
        return !pod.ready() && pod.startTime().plus(options.initialReadinessDelay()).isAfter(readySince);
    }

    /** calculateRequests: each pod's request (all pods, as the controller lists them); a pod without one fails. */
    static Map<String, Long> requests(List<PodStatus> pods, String resource) {
        Map<String, Long> requests = new java.util.HashMap<>();
        for (PodStatus pod : pods) {
            Long request = pod.requests().get(resource);
            if (request == null) {
                throw new MetricUnavailableException("missing request for " + resource + " in Pod " + pod.name());
            }
            requests.put(pod.name(), request);
        }
        return requests;
    }
}
