package io.scalingsuite.deploy.surge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.scalingsuite.deploy.autoscaling.PodStatus;

/**
 * What the Deployment controller would do for one Deployment: keep {@code replicas} containers ({@link #scale}: new
 * ones at once, surplus ones deleted unready-first then newest-first, as the ReplicaSet controller ranks them), and
 * keep the Service stand-in's endpoints on the Ready ones ({@link Kubelet} probes them). A
 * deleted container leaves the endpoints at once, then gets the preStop sleep, then SIGTERM with the rest of
 * {@code terminationGracePeriodSeconds}. Synchronized: the driver's threads share it.
 */
final class Cluster {

    private final Podman podman;
    private final ServiceStandIn service;
    private final Map<String, Long> requests;
    private final int preStopSeconds;
    private final int graceSeconds;
    private final int basePort;
    private final List<Replica> replicas = new ArrayList<>();
    private final ExecutorService actions = Executors.newCachedThreadPool();
    private int replicasSpec;
    private int created;
    private int maxSpec;
    private double lastChange;

    Cluster(Podman podman, ServiceStandIn service, Map<String, Long> requests, int preStopSeconds, int graceSeconds,
            int basePort) {
        this.podman = podman;
        this.service = service;
        this.requests = Map.copyOf(requests);
        this.preStopSeconds = preStopSeconds;
        this.graceSeconds = graceSeconds;
        this.basePort = basePort;
    }

    /** The largest {@code spec.replicas} so far. */
    synchronized int maxSpec() {
        return maxSpec;
    }

    /** When {@code spec.replicas} last changed (epoch seconds). */
    synchronized double lastChange() {
        return lastChange;
    }

    synchronized int replicasSpec() {
        return replicasSpec;
    }

    /** The pods the selector matches, as the HPA reads them (terminating ones marked deleted). */
    synchronized List<PodStatus> pods() {
        return replicas.stream().map(r -> {
            PodStatus pod =
                    PodStatus.running(r.name, r.created, r.ready, r.readySince != null ? r.readySince : r.created,
                            requests);
            return r.terminating ? pod.deleted() : pod;
        }).toList();
    }

    synchronized List<Replica> live() {
        return replicas.stream().filter(r -> !r.terminating).toList();
    }

    synchronized long count(boolean readyOnly) {
        return replicas.stream().filter(r -> !r.terminating && (!readyOnly || r.ready)).count();
    }

    synchronized long terminatingCount() {
        return replicas.stream().filter(r -> r.terminating).count();
    }

    /** Sets {@code spec.replicas}: starts or deletes containers to match. */
    synchronized void scale(int desired) {
        if (desired != replicasSpec) {
            lastChange = Recorder.epoch();
        }
        replicasSpec = desired;
        maxSpec = Math.max(maxSpec, desired);
        List<Replica> live = new ArrayList<>(live());
        for (int i = live.size(); i < desired; i++) {
            int slot = created++ % 90;
            Replica replica = new Replica("surge-gw-" + created, basePort + slot, basePort + 100 + slot, Instant.now());
            replicas.add(replica);
            actions.submit(() -> start(replica));
        }
        live.sort(Comparator.<Replica, Boolean>comparing(r -> r.ready).thenComparing(r -> r.created,
                Comparator.reverseOrder()));
        for (int i = 0; i < live.size() - desired; i++) {
            Replica replica = live.get(i);
            replica.terminating = true;
            replica.ready = false;
            endpointsChanged();
            actions.submit(() -> terminate(replica));
        }
    }

    private void start(Replica replica) {
        podman.run(replica);
        synchronized (this) {
            replica.nextProbe = Instant.now();
        }
    }

    private void terminate(Replica replica) {
        try {
            Thread.sleep(preStopSeconds * 1000L);
            podman.stop(replica, graceSeconds - preStopSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                replicas.remove(replica);
            }
        }
    }

    /** Every replica, terminating ones included (the kubelet probes the others). */
    synchronized List<Replica> all() {
        return List.copyOf(replicas);
    }

    /** Runs {@code action} on the executor that starts and stops containers. */
    void submit(Runnable action) {
        actions.submit(action);
    }

    synchronized void endpointsChanged() {
        service.update(replicas.stream().filter(r -> r.ready && !r.terminating).map(Replica::upstream).toList());
    }

    /** Deletes every container at once (end of run). */
    void shutdown() {
        List<Replica> all;
        synchronized (this) {
            all = List.copyOf(replicas);
        }
        all.forEach(r -> Podman.exec(List.of("podman", "rm", "-f", "-t", "5", r.name), 60));
        actions.shutdownNow();
    }
}
