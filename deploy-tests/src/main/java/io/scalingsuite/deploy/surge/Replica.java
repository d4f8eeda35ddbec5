package io.scalingsuite.deploy.surge;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One gateway container standing in for one pod of the Deployment: its ports, cgroup files and what the kubelet knows
 * of it (started, Ready since when, terminating). Mutated only by the driver's single scheduler thread.
 */
final class Replica {

    final String name;
    final int httpPort;
    final int managementPort;
    final Instant created;
    Path cpuUsage;
    Path memoryUsage;
    Path memoryStat;
    boolean started;
    boolean ready;
    Instant readySince;
    int readinessFailures;
    boolean terminating;
    boolean restarting;
    Instant nextProbe;
    /** cpuacct.usage (ns) at {@link #cpuReadAt}: the start of the next CPU sample's window. */
    long cpuRead;
    Instant cpuReadAt;

    Replica(String name, int httpPort, int managementPort, Instant created) {
        this.name = name;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.created = created;
        this.nextProbe = created;
        this.cpuReadAt = created;
    }

    String upstream() {
        return "127.0.0.1:" + httpPort;
    }
}
