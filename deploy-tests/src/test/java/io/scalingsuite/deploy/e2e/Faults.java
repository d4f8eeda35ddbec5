package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests do to a pod's container from outside, as the kernel or a hung process would. */
final class Faults {

    private Faults() {
    }

    /**
     * Makes the kernel's memory-cgroup OOM killer kill the container's main process: its oom_score_adj raised to
     * 1000 (as the kubelet does for BestEffort pods, so the service process is the one chosen), then a process in the
     * same container allocates past the container's memory limit. The kernel, not the test, kills the service.
     */
    static void oomKill(Pod pod) {
        try {
            Files.writeString(Path.of("/proc/" + pod.hostPid() + "/oom_score_adj"), "1000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // tail keeps a line it has not finished in memory: /dev/zero has no newline, so it grows until killed
        Podman.quietly(120, "exec", pod.name, "sh", "-c", "head -c 4G /dev/zero | tail");
    }

    /** SIGSTOP to the service process: it holds its ports and answers nothing, as a hung JVM does. */
    static void freeze(Pod pod) {
        Shell.run("kill", "-STOP", Long.toString(pod.hostPid()));
    }
}
