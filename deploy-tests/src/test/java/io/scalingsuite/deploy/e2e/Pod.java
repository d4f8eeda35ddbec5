package io.scalingsuite.deploy.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;

/**
 * The kubelet's work for one pod of one container, restartPolicy Always: start the container; run the startup probe
 * until it succeeds (failureThreshold failures in a row: the container is killed and restarted); then readiness (the
 * pod is in its Service's endpoints only while ready) and liveness (failureThreshold failures: killed and restarted)
 * each on its own period; a container that exits (crash, OOM kill, SIGKILL) is restarted, the first time at once,
 * then with the kubelet's back-off (10 s doubling). {@link #terminate()} is a pod deletion: out of the endpoints at
 * once, the preStop hook run in the container, then SIGTERM, and SIGKILL when terminationGracePeriodSeconds (counted
 * from the start of preStop) runs out.
 */
final class Pod {

    final String name;
    final String component;
    final PodSpecRunner.PodPorts ports;
    private final Container container;
    private final long graceMillis;
    private final Probe startup;
    private final Probe liveness;
    private final Probe readiness;
    private final AtomicInteger restarts = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> terminations = new CopyOnWriteArrayList<>();
    private final Thread supervisor;
    private volatile boolean ready;
    private volatile boolean deleting;
    private volatile boolean deletionForced;
    private volatile Integer exitCode;
    private volatile long hostPid;

    Pod(String name, String component, PodSpecRunner.PodPorts ports, Container container, long graceSeconds) {
        this.name = name;
        this.component = component;
        this.ports = ports;
        this.container = container;
        this.graceMillis = graceSeconds * 1000;
        this.startup = Probe.startup(container, ports);
        this.liveness = Probe.liveness(container, ports);
        this.readiness = Probe.readiness(container, ports);
        this.supervisor = new Thread(this::supervise, "kubelet-" + name);
        this.supervisor.setDaemon(true);
    }

    void start() {
        supervisor.start();
    }

    boolean ready() {
        return ready && !deleting;
    }

    int restarts() {
        return restarts.get();
    }

    /** Reason of each container termination so far, as the kubelet reports it: OOMKilled, Error or Completed. */
    List<String> terminations() {
        return List.copyOf(terminations);
    }

    long hostPid() {
        return hostPid;
    }

    /** Whether the pod's deletion ran out of its grace period (SIGKILL), not counting kills for failed probes. */
    boolean deletionForced() {
        return deletionForced;
    }

    List<String> events() {
        return events;
    }

    private void supervise() {
        while (!deleting) {
            runContainer();
            if (deleting) {
                return;
            }
            int n = restarts.incrementAndGet();
            long backoff = n == 1 ? 0 : Math.min(300_000, 10_000L << Math.min(n - 2, 5));
            event("restarting (restart " + n + ", back-off " + backoff / 1000 + " s)");
            sleepUnlessDeleting(backoff);
        }
    }

    /** One container run: start, probe, and return once it has exited (by itself or killed for a failed probe). */
    private void runContainer() {
        exitCode = null;
        ready = false;
        Podman.run("start", name);
        hostPid = Long.parseLong(Podman.run("inspect", "-f", "{{.State.Pid}}", name));
        event("started (pid " + hostPid + ")");
        Thread waiter = new Thread(this::awaitExit, "wait-" + name);
        waiter.setDaemon(true);
        waiter.start();
        String failed = probeUntilExitOrFailure();
        ready = false;
        if (failed != null && !deleting) {
            event(failed + " probe failed " + (failed.equals("startup") ? startup : liveness).failureThreshold
                    + " times: killing the container");
            kill();
        }
        while (exitCode == null && waiter.isAlive()) {
            Wait.sleep(100);
        }
        String reason = reason();
        terminations.add(reason);
        event("exited " + exitCode + " (" + reason + ")");
    }

    /** Returns the probe that failed its threshold, or null once the container exited or the pod is deleted. */
    private String probeUntilExitOrFailure() {
        long start = System.currentTimeMillis();
        boolean started = startup == null;
        Probe.Counter startupCount = startup == null ? null : new Probe.Counter(startup);
        Probe.Counter liveCount = liveness == null ? null : new Probe.Counter(liveness);
        Probe.Counter readyCount = readiness == null ? null : new Probe.Counter(readiness);
        long nextStartup = start + (startup == null ? 0 : startup.initialDelayMillis);
        long nextLive = 0;
        long nextReady = 0;
        while (exitCode == null && !deleting) {
            long now = System.currentTimeMillis();
            if (!started && now >= nextStartup) {
                Boolean verdict = startupCount.record(startup.check());
                nextStartup = now + startup.periodMillis;
                if (Boolean.FALSE.equals(verdict)) {
                    return "startup";
                }
                if (Boolean.TRUE.equals(verdict)) {
                    started = true;
                    event("startup probe succeeded after " + (now - start) + " ms");
                    nextLive = now + (liveness == null ? 0 : liveness.initialDelayMillis);
                    nextReady = now + (readiness == null ? 0 : readiness.initialDelayMillis);
                    ready = readiness == null;
                }
            }
            if (started && liveness != null && now >= nextLive) {
                nextLive = now + liveness.periodMillis;
                if (Boolean.FALSE.equals(liveCount.record(liveness.check())) && exitCode == null) {
                    return "liveness";
                }
            }
            if (started && readiness != null && now >= nextReady) {
                nextReady = now + readiness.periodMillis;
                Boolean verdict = readyCount.record(readiness.check());
                if (verdict != null && verdict != ready && exitCode == null) {
                    ready = verdict;
                    event(verdict ? "ready" : "not ready");
                }
            }
            Wait.sleep(50);
        }
        return null;
    }

    private void awaitExit() {
        String out = Podman.quietly(24 * 3600, "wait", "--interval", "500ms", name).output().strip();
        String last = out.lines().reduce((a, b) -> b).orElse("-1");
        try {
            exitCode = Integer.parseInt(last.strip());
        } catch (NumberFormatException e) {
            exitCode = -1;
        }
    }

    /** Exit 137 after the kernel's memory-cgroup OOM killer named the container's process: OOMKilled. */
    private String reason() {
        if (exitCode != null && exitCode == 0) {
            return "Completed";
        }
        String kernel = Shell.exec(10, "dmesg").output();
        return kernel.contains("Memory cgroup out of memory: Killed process " + hostPid + " ") ? "OOMKilled" : "Error";
    }

    /** Pod deletion (a rolling update's scale-down, or the end of the run). Returns once the container is gone. */
    void terminate() {
        deleting = true;
        event("deleting: out of the endpoints");
        if (exitCode == null) {
            kill();
        }
        try {
            supervisor.join(graceMillis + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** preStop, SIGTERM, and SIGKILL at the end of the grace period. */
    private void kill() {
        long deadline = System.currentTimeMillis() + graceMillis;
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop != null && preStop.getExec() != null) {
            event("preStop " + preStop.getExec().getCommand());
            Podman.quietly(Math.max(1, graceMillis / 1000), Stream.concat(Stream.of("exec", name),
                    preStop.getExec().getCommand().stream()).toArray(String[]::new));
        }
        event("SIGTERM");
        Podman.quietly(30, "kill", "--signal", "TERM", name);
        while (exitCode == null && System.currentTimeMillis() < deadline) {
            Wait.sleep(100);
        }
        if (exitCode == null) {
            deletionForced = deleting;
            event("grace period over: SIGKILL");
            Podman.quietly(30, "kill", "--signal", "KILL", name);
        }
    }

    /** SIGKILL from outside, as the kernel or an operator would. */
    void killAbruptly() {
        event("SIGKILL from the test");
        Podman.run("kill", "--signal", "KILL", name);
    }

    private void sleepUnlessDeleting(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!deleting && System.currentTimeMillis() < until) {
            Wait.sleep(100);
        }
    }

    private void event(String what) {
        events.add(java.time.LocalTime.now() + " " + name + ": " + what);
    }
}
