package io.scalingsuite.deploy.surge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The kubelet's part for the {@link Cluster}'s containers: the probes as the chart's pod spec says (startup every 2 s;
 * then readiness every 5 s, Ready at the first success, unready after 2 failures, 2 s timeout), and restartPolicy
 * Always. State is guarded by the cluster's lock.
 */
final class Kubelet {

    private final Cluster cluster;
    private final Podman podman;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int restarts;

    Kubelet(Cluster cluster, Podman podman) {
        this.cluster = cluster;
        this.podman = podman;
    }

    /** The kubelet's probes that are due (called every 0.5 s). */
    void probe() {
        Instant now = Instant.now();
        for (Replica replica : cluster.all()) {
            if (replica.terminating || replica.cpuUsage == null || now.isBefore(replica.nextProbe)) {
                continue;
            }
            boolean startup = !replica.started;
            replica.nextProbe = now.plusSeconds(startup ? 2 : 5);
            String path = startup ? "/q/health/started" : "/q/health/ready";
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.managementPort + path))
                            .timeout(Duration.ofSeconds(2)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        boolean success = error == null && response.statusCode() / 100 == 2;
                        probed(replica, startup, success);
                        if (!success) {
                            cluster.submit(() -> restartIfExited(replica));
                        }
                        return null;
                    });
        }
    }

    /**
     * restartPolicy Always: a container that exited (here: its port taken at bind, as these ports lie in the machine's
     * ephemeral range) is started again in place after the kubelet's first back-off, 10 s.
     */
    private void restartIfExited(Replica replica) {
        synchronized (cluster) {
            if (replica.terminating || replica.restarting) {
                return;
            }
            replica.restarting = true;
        }
        try {
            if (podman.running(replica)) {
                return;
            }
            System.err.println("[surge] " + replica.name + " exited: restarting it in 10 s");
            Thread.sleep(10_000);
            podman.restart(replica);
            synchronized (cluster) {
                restarts++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("[surge] restart of " + replica.name + " failed: " + e.getMessage());
        } finally {
            synchronized (cluster) {
                replica.restarting = false;
            }
        }
    }

    int restarts() {
        synchronized (cluster) {
            return restarts;
        }
    }

    private void probed(Replica replica, boolean startup, boolean success) {
        synchronized (cluster) {
            probedLocked(replica, startup, success);
        }
    }

    private void probedLocked(Replica replica, boolean startup, boolean success) {
        if (replica.terminating) {
            return;
        }
        if (startup) {
            replica.started = success;
            if (success) {
                replica.nextProbe = Instant.now(); // readiness probing begins once the startup probe succeeded
            }
            return;
        }
        replica.readinessFailures = success ? 0 : replica.readinessFailures + 1;
        boolean ready = success || (replica.ready && replica.readinessFailures < 2);
        if (ready != replica.ready) {
            replica.ready = ready;
            replica.readySince = Instant.now();
            cluster.endpointsChanged();
        }
    }

}
