package io.scalingsuite.deploy.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;

/**
 * One of a container's httpGet probes with the kubelet's defaults for what the chart leaves out (initialDelaySeconds
 * 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3): a GET on the pod's port answering
 * 200-399 within the timeout succeeds, anything else (refused, timed out, other status) fails.
 */
final class Probe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    final String kind;
    final URI uri;
    final long initialDelayMillis;
    final long periodMillis;
    final Duration timeout;
    final int successThreshold;
    final int failureThreshold;

    private Probe(String kind, io.fabric8.kubernetes.api.model.Probe probe, Container container,
            PodSpecRunner.PodPorts ports) {
        this.kind = kind;
        var get = probe.getHttpGet();
        if (get == null) {
            throw new AssertionError(kind + " probe is not an httpGet: not supported here");
        }
        String portName = get.getPort().getStrVal();
        int containerPort = portName == null ? get.getPort().getIntVal() : container.getPorts().stream()
                .filter(p -> portName.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " probe port " + portName + " is not declared"));
        String httpName = container.getPorts().stream().filter(p -> p.getContainerPort() == containerPort)
                .map(ContainerPort::getName).findFirst().orElse("");
        int hostPort = "http".equals(httpName) ? ports.http() : ports.management();
        this.uri = URI.create("http://127.0.0.1:" + hostPort + get.getPath());
        this.initialDelayMillis = 1000L * orDefault(probe.getInitialDelaySeconds(), 0);
        this.periodMillis = 1000L * orDefault(probe.getPeriodSeconds(), 10);
        this.timeout = Duration.ofSeconds(orDefault(probe.getTimeoutSeconds(), 1));
        this.successThreshold = orDefault(probe.getSuccessThreshold(), 1);
        this.failureThreshold = orDefault(probe.getFailureThreshold(), 3);
    }

    static Probe startup(Container c, PodSpecRunner.PodPorts ports) {
        return c.getStartupProbe() == null ? null : new Probe("startup", c.getStartupProbe(), c, ports);
    }

    static Probe liveness(Container c, PodSpecRunner.PodPorts ports) {
        return c.getLivenessProbe() == null ? null : new Probe("liveness", c.getLivenessProbe(), c, ports);
    }

    static Probe readiness(Container c, PodSpecRunner.PodPorts ports) {
        return c.getReadinessProbe() == null ? null : new Probe("readiness", c.getReadinessProbe(), c, ports);
    }

    boolean check() {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Consecutive results against the thresholds: the probe's verdict flips only after enough of them in a row. */
    static final class Counter {
        private final Probe probe;
        private int successes;
        private int failures;

        Counter(Probe probe) {
            this.probe = probe;
        }

        /** Records a result; returns TRUE or FALSE when a threshold is reached, else null. */
        Boolean record(boolean ok) {
            if (ok) {
                failures = 0;
                return ++successes >= probe.successThreshold ? Boolean.TRUE : null;
            }
            successes = 0;
            return ++failures >= probe.failureThreshold ? Boolean.FALSE : null;
        }
    }
}
