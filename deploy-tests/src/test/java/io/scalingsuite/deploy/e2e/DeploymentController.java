package io.scalingsuite.deploy.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The Deployment controller's part for one Deployment: a number of pods, the ready ones as the endpoints of its
 * Services, and a rolling restart ({@code kubectl rollout restart}) by the Deployment's own RollingUpdate strategy:
 * maxSurge rounded up and maxUnavailable rounded down from the replica count (both 0 is not allowed), new pods started
 * while the total stays within replicas + maxSurge, old pods deleted while the ready ones stay at least replicas -
 * maxUnavailable. Each pod gets its own pair of host ports from this Deployment's range.
 */
final class DeploymentController {

    private static final int SLOTS = 10;

    final String component;
    private final Deployment deployment;
    private final PodSpecRunner runner;
    private final int portBase;
    private final List<Pod> pods = new CopyOnWriteArrayList<>();
    private final List<Pod> everyPod = new CopyOnWriteArrayList<>();
    private final boolean[] slotsInUse = new boolean[SLOTS];
    private int created;

    DeploymentController(String component, Deployment deployment, PodSpecRunner runner, int portBase) {
        this.component = component;
        this.deployment = deployment;
        this.runner = runner;
        this.portBase = portBase;
    }

    void scale(int replicas) {
        while (pods.size() < replicas) {
            startPod();
        }
    }

    /** The pods deleted so far (by rollouts). */
    List<Pod> deletedPods() {
        return everyPod.stream().filter(p -> !pods.contains(p)).toList();
    }

    List<Pod> pods() {
        return List.copyOf(pods);
    }

    /** Every pod this Deployment ever had (for their logs). */
    List<Pod> everyPod() {
        return List.copyOf(everyPod);
    }

    List<Integer> readyHttpPorts() {
        return pods.stream().filter(Pod::ready).map(p -> p.ports.http()).toList();
    }

    List<Integer> readyManagementPorts() {
        return pods.stream().filter(Pod::ready).map(p -> p.ports.management()).toList();
    }

    void awaitAllReady(int seconds) {
        Wait.until(() -> component + ": all " + pods.size() + " pods ready; kubelet events:\n  " + events(), seconds,
                () -> pods.stream().allMatch(Pod::ready));
    }

    /** {@code kubectl rollout restart}: returns when every old pod is gone and every new one ready. */
    void rollingRestart(int seconds) {
        var strategy = deployment.getSpec().getStrategy().getRollingUpdate();
        List<Pod> old = new ArrayList<>(pods);
        int desired = old.size();
        int surge = resolve(strategy.getMaxSurge(), desired, true);
        int unavailable = resolve(strategy.getMaxUnavailable(), desired, false);
        if (surge == 0 && unavailable == 0) {
            throw new AssertionError("maxSurge and maxUnavailable both 0: the API server refuses this Deployment");
        }
        List<Pod> fresh = new ArrayList<>();
        List<Thread> deletions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!old.isEmpty() || fresh.stream().anyMatch(p -> !p.ready())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(component + ": rollout not done in " + seconds + " s; " + events());
            }
            while (fresh.size() < desired && pods.size() < desired + surge) {
                fresh.add(startPod());
            }
            long ready = pods.stream().filter(Pod::ready).count();
            while (!old.isEmpty() && ready > desired - unavailable) {
                Pod victim = old.remove(0);
                ready -= victim.ready() ? 1 : 0;
                pods.remove(victim);
                Thread deletion = new Thread(() -> {
                    victim.terminate();
                    freeSlot(victim);
                }, "delete-" + victim.name);
                deletion.start();
                deletions.add(deletion);
            }
            Wait.sleep(200);
        }
        for (Thread deletion : deletions) {
            try {
                deletion.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes every pod (in parallel, each with its preStop and grace period). */
    void deleteAll() {
        Wait.inParallel("delete-" + component, pods.stream().<Runnable>map(p -> p::terminate).toList());
        pods.clear();
    }

    String events() {
        List<String> all = new ArrayList<>();
        everyPod.forEach(p -> all.addAll(p.events()));
        all.sort(null);
        return String.join("\n  ", all);
    }

    private synchronized Pod startPod() {
        int slot = 0;
        while (slotsInUse[slot]) {
            if (++slot == SLOTS) {
                throw new AssertionError(component + ": more than " + SLOTS + " pods at once");
            }
        }
        slotsInUse[slot] = true;
        var ports = new PodSpecRunner.PodPorts(portBase + 2 * slot, portBase + 2 * slot + 1);
        String name = "e2e-" + component + "-" + ++created;
        runner.create(component, name, ports);
        var spec = deployment.getSpec().getTemplate().getSpec();
        Pod pod = new Pod(name, component, ports, spec.getContainers().get(0),
                spec.getTerminationGracePeriodSeconds() == null ? 30 : spec.getTerminationGracePeriodSeconds());
        pods.add(pod);
        everyPod.add(pod);
        pod.start();
        return pod;
    }

    private synchronized void freeSlot(Pod pod) {
        slotsInUse[(pod.ports.http() - portBase) / 2] = false;
    }

    /** An IntOrString of a rolling update: a number, or a percentage of the replicas rounded up or down. */
    static int resolve(IntOrString value, int replicas, boolean roundUp) {
        if (value == null) {
            return roundUp ? (int) Math.ceil(replicas * 0.25) : replicas / 4; // the API's defaults, 25 % each
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        double percent = Double.parseDouble(value.getStrVal().replace("%", "")) * replicas / 100;
        return (int) (roundUp ? Math.ceil(percent) : Math.floor(percent));
    }
}
