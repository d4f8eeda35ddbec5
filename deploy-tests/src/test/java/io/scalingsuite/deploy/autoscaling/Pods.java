package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods and samples for the tests, named p0, p1, ... at {@link #NOW}. replica_calculator_test.go gives each pod two
 * containers with the same request and level; one pod with the container's figures has the same ratios.
 */
final class Pods {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    /** Long past the CPU initialization period (5 min). */
    static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final String CPU = "cpu";

    private Pods() {
    }

    /** Running, Ready since it started an hour ago, requesting {@code cpuRequest} milli-CPU. */
    static PodStatus ready(String name, long cpuRequest) {
        return PodStatus.running(name, LONG_AGO, true, LONG_AGO, Map.of(CPU, cpuRequest));
    }

    /** Running an hour, never Ready (Ready=False since it started). */
    static PodStatus neverReady(String name, long cpuRequest) {
        return PodStatus.running(name, LONG_AGO, false, LONG_AGO, Map.of(CPU, cpuRequest));
    }

    /** Started a minute ago, Ready 10 s ago: its CPU sample's 30 s window began before it was ready. */
    static PodStatus hot(String name, long cpuRequest) {
        return PodStatus.running(name, NOW.minusSeconds(60), true, NOW.minusSeconds(10), Map.of(CPU, cpuRequest));
    }

    static PodStatus pending(String name, long cpuRequest) {
        return new PodStatus(name, PodStatus.Phase.PENDING, false, null, false, null, Map.of(CPU, cpuRequest));
    }

    /** {@code count} Ready pods requesting 1 CPU each. */
    static List<PodStatus> ready(int count) {
        List<PodStatus> pods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pods.add(ready("p" + i, 1000));
        }
        return pods;
    }

    /** Samples for p0, p1, ... taken over the 30 s up to {@link #NOW}. */
    static Map<String, PodMetric> samples(long... values) {
        Map<String, PodMetric> samples = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            samples.put("p" + i, new PodMetric(values[i], NOW, WINDOW));
        }
        return samples;
    }

    static List<PodStatus> with(List<PodStatus> pods, int index, PodStatus replacement) {
        List<PodStatus> copy = new ArrayList<>(pods);
        copy.set(index, replacement);
        return copy;
    }
}
