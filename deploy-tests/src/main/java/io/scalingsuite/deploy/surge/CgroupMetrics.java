package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.scalingsuite.deploy.autoscaling.MetricsSnapshot;
import io.scalingsuite.deploy.autoscaling.PodMetric;

/**
 * The resource metrics API as metrics-server serves it, from each container's cgroup v1 files: CPU as the rate of
 * {@code cpuacct.usage} over the window since this container's previous sample (its start for the first one, as the
 * kubelet's first cumulative reading), memory as the working set ({@code usage_in_bytes - total_inactive_file}), both
 * in milli-units. A container whose files cannot be read (stopped meanwhile) has no sample: a missing pod.
 */
final class CgroupMetrics {

    private CgroupMetrics() {
    }

    static MetricsSnapshot sample(List<Replica> replicas, Instant now) {
        Map<String, PodMetric> cpu = new HashMap<>();
        Map<String, PodMetric> memory = new HashMap<>();
        for (Replica replica : replicas) {
            try {
                long usage = Long.parseLong(Files.readString(replica.cpuUsage).trim());
                Duration window = Duration.between(replica.cpuReadAt, now);
                if (!window.isZero() && !window.isNegative()) {
                    long milliCores = (usage - replica.cpuRead) * 1000 / window.toNanos();
                    cpu.put(replica.name, new PodMetric(milliCores, now, window));
                }
                replica.cpuRead = usage;
                replica.cpuReadAt = now;
                memory.put(replica.name, new PodMetric(workingSet(replica) * 1000, now, window));
            } catch (IOException | RuntimeException e) {
                // gone: no sample
            }
        }
        return new MetricsSnapshot(Map.of("cpu", cpu, "memory", memory), Map.of());
    }

    /** CPU seconds a container has used so far (for the capacity measurement). */
    static double cpuSeconds(Replica replica) throws IOException {
        return Long.parseLong(Files.readString(replica.cpuUsage).trim()) / 1e9;
    }

    static long workingSet(Replica replica) throws IOException {
        long usage = Long.parseLong(Files.readString(replica.memoryUsage).trim());
        long inactive =
                Files.readAllLines(replica.memoryStat).stream().filter(l -> l.startsWith("total_inactive_file "))
                        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).trim())).findFirst().orElse(0);
        return Math.max(0, usage - inactive);
    }
}
