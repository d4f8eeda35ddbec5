package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the Deployment's containers with {@code podman}, from the argument template bench/surge.sh writes
 * (bench/containers-lib.sh {@code pod_args}: the chart's limits and securityContext, then the env and the image, with
 * {@code {NAME}}, {@code {HTTP}} and {@code {MGMT}} placeholders), and finds each container's cgroup v1 files.
 */
final class Podman {

    private final List<String> template;

    Podman(Path argsFile) throws IOException {
        this.template = Files.readAllLines(argsFile).stream().filter(line -> !line.isEmpty()).toList();
    }

    boolean running(Replica replica) {
        return exec(List.of("podman", "inspect", "-f", "{{.State.Running}}", replica.name), 30).trim().equals("true");
    }

    /** {@code podman start}: the same container again (a new cgroup, its CPU counter from zero). */
    void restart(Replica replica) {
        exec(List.of("podman", "start", replica.name), 60);
        cgroups(replica);
        replica.cpuRead = 0;
        replica.cpuReadAt = java.time.Instant.now();
        replica.started = false;
    }

    /** {@code podman run -d ...} for {@code replica}; then its cpuacct and memory cgroup files. */
    void run(Replica replica) {
        List<String> command = new ArrayList<>(List.of("podman"));
        template.forEach(arg -> command.add(arg.replace("{NAME}", replica.name)
                .replace("{HTTP}", Integer.toString(replica.httpPort))
                .replace("{MGMT}", Integer.toString(replica.managementPort))));
        exec(command, 60);
        cgroups(replica);
    }

    private void cgroups(Replica replica) {
        String pid = exec(List.of("podman", "inspect", "-f", "{{.State.Pid}}", replica.name), 30).trim();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "cgroup"))) {
                String[] parts = line.split(":", 3);
                if (List.of(parts[1].split(",")).contains("cpuacct")) {
                    replica.cpuUsage = Path.of("/sys/fs/cgroup", parts[1], parts[2], "cpuacct.usage");
                } else if (parts[1].equals("memory")) {
                    replica.memoryUsage = Path.of("/sys/fs/cgroup/memory", parts[2], "memory.usage_in_bytes");
                    replica.memoryStat = Path.of("/sys/fs/cgroup/memory", parts[2], "memory.stat");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (replica.cpuUsage == null || replica.memoryUsage == null) {
            throw new IllegalStateException("no cgroup v1 cpuacct/memory for " + replica.name);
        }
    }

    /** {@code podman stop -t GRACE}: SIGTERM, SIGKILL after {@code graceSeconds}; then the container is removed. */
    void stop(Replica replica, int graceSeconds) {
        exec(List.of("podman", "stop", "-t", Integer.toString(graceSeconds), replica.name), graceSeconds + 60);
        exec(List.of("podman", "rm", "-f", replica.name), 60);
    }

    static String exec(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + new String(out));
            }
            return new String(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
