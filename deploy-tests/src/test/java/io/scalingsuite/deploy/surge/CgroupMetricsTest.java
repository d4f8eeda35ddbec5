package io.scalingsuite.deploy.surge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.scalingsuite.deploy.autoscaling.MetricsSnapshot;
import io.scalingsuite.deploy.autoscaling.PodMetric;

/** {@link CgroupMetrics}: the resource metrics the surge driver feeds the HPA, from cgroup v1 files. */
class CgroupMetricsTest {

    private static final Instant START = Instant.parse("2026-12-03T07:00:00Z");

    @TempDir
    Path dir;

    private Replica replica(String name, long cpuNanos, long usageBytes, long inactiveFileBytes) throws IOException {
        Replica replica = new Replica(name, 1, 2, START);
        replica.cpuUsage = Files.writeString(dir.resolve(name + ".cpuacct.usage"), cpuNanos + "\n");
        replica.memoryUsage = Files.writeString(dir.resolve(name + ".usage_in_bytes"), usageBytes + "\n");
        replica.memoryStat = Files.writeString(dir.resolve(name + ".memory.stat"),
                "cache 100\nrss 200\ninactive_file 7\ntotal_cache 100\ntotal_inactive_file " + inactiveFileBytes
                        + "\n");
        return replica;
    }

    @Test
    void shouldReportCpuAsTheRateOverTheWindowSinceTheContainerStarted() throws IOException {
        // 3 CPU-seconds in the 15 s since the start: 200 millicores, over a 15-s window
        Replica replica = replica("g0", 3_000_000_000L, 0, 0);
        MetricsSnapshot metrics = CgroupMetrics.sample(List.of(replica), START.plusSeconds(15));
        assertEquals(new PodMetric(200, START.plusSeconds(15), Duration.ofSeconds(15)),
                metrics.pods().get("cpu").get("g0"));
    }

    @Test
    void shouldStartTheNextWindowAtThePreviousSample() throws IOException {
        Replica replica = replica("g0", 3_000_000_000L, 0, 0);
        CgroupMetrics.sample(List.of(replica), START.plusSeconds(15));
        Files.writeString(replica.cpuUsage, "10500000000\n"); // 7.5 CPU-s more in the next 15 s: 500 m
        MetricsSnapshot metrics = CgroupMetrics.sample(List.of(replica), START.plusSeconds(30));
        assertEquals(new PodMetric(500, START.plusSeconds(30), Duration.ofSeconds(15)),
                metrics.pods().get("cpu").get("g0"));
    }

    @Test
    void shouldReportMemoryAsTheWorkingSetInMilliBytes() throws IOException {
        // usage minus the hierarchy's inactive file cache (total_inactive_file), as the kubelet's working set
        Replica replica = replica("g0", 0, 300_000, 100_000);
        MetricsSnapshot metrics = CgroupMetrics.sample(List.of(replica), START.plusSeconds(15));
        assertEquals(200_000_000L, metrics.pods().get("memory").get("g0").value());
    }

    @Test
    void shouldLeaveAContainerWhoseCgroupIsGoneWithoutSamples() throws IOException {
        Replica gone = replica("g1", 1, 1, 0);
        Files.delete(gone.cpuUsage);
        MetricsSnapshot metrics = CgroupMetrics.sample(List.of(replica("g0", 1, 1, 0), gone), START.plusSeconds(15));
        assertFalse(metrics.pods().get("cpu").containsKey("g1"));
        assertFalse(metrics.pods().get("memory").containsKey("g1"));
        assertEquals(1, metrics.pods().get("cpu").size());
    }
}
