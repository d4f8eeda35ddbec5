package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.scalingsuite.deploy.Chart;

/**
 * The suite as the chart deploys it, on this machine: {@link Infra}; the Secrets an operator creates before
 * installing (database credentials, the Redis password, the gateway's API key hashes); the chart rendered with
 * src/test/resources/e2e/values.yaml; each Deployment's pods at its HPA's minReplicas (what the HPA holds at idle)
 * under {@link Pod}'s kubelet; and a {@link ServiceProxy} for each Service the pods call (catalog's and aggregation's
 * API and management ports) and for the gateway's LoadBalancer, which the tests call. Closing deletes every pod,
 * writes each container's log and kubelet events to target/e2e/, and stops everything it started.
 */
final class Suite implements AutoCloseable {

    static final int GATEWAY = 28080;
    static final int CATALOG = 28081;
    static final int AGGREGATION = 28082;
    static final int CATALOG_MANAGEMENT = 28083;
    static final int AGGREGATION_MANAGEMENT = 28084;
    static final List<String> COMPONENTS = List.of("catalog", "aggregation", "gateway");
    private static final Map<String, Integer> POD_PORTS = Map.of("gateway", 28100, "catalog", 28120,
            "aggregation", 28140);

    final String apiKey;
    final Rendered rendered;
    private final Path work;
    private final Map<String, DeploymentController> deployments = new LinkedHashMap<>();
    private final List<ServiceProxy> services = new ArrayList<>();
    private Infra infra;

    private Suite(Path work, Rendered rendered, String apiKey) {
        this.work = work;
        this.apiKey = apiKey;
        this.rendered = rendered;
    }

    static Suite start() {
        Chart chart = Chart.fromSystemProperty();
        Path work = chart.root().resolve("deploy-tests/target/e2e");
        Podman.removeAll();
        String redisPassword = random(16);
        String apiKey = "e2e-" + random(16);
        Suite suite = null;
        try {
            Files.createDirectories(work.resolve("logs"));
            Map<String, Map<String, String>> secrets = Map.of(
                    "e2e-postgresql", Map.of("username", "postgres", "password", ""),
                    "e2e-redis", Map.of("password", redisPassword),
                    "e2e-gateway-keys", Map.of("e2e-sha256", sha256(apiKey)));
            suite = new Suite(work, new Rendered(chart,
                    chart.root().resolve("deploy-tests/src/test/resources/e2e/values.yaml"), imageTag(), secrets),
                    apiKey);
            suite.infra = Infra.start(redisPassword);
            suite.startPods();
            return suite;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (suite != null) {
                suite.close();
            }
            throw e;
        }
    }

    /**
     * {@code -De2e.image-tag=T} (make e2e E2E_IMAGE_TAG=T): run images of another tag than the chart's default, e.g.
     * ones built from a branch without replacing the images `make images` tagged; empty: the chart's own.
     */
    private static Map<String, Object> imageTag() {
        String tag = System.getProperty("e2e.image-tag", "");
        if (tag.isBlank()) {
            return Map.of();
        }
        Map<String, Object> set = new LinkedHashMap<>();
        COMPONENTS.forEach(c -> set.put(c + ".image.tag", tag));
        return set;
    }

    private void startPods() {
        for (String component : COMPONENTS) {
            String image = rendered.deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage();
            if (Podman.quietly(30, "image", "exists", image).exit() != 0) {
                throw new AssertionError("no image " + image + ": run `make images` first");
            }
        }
        String fullname = Chart.RELEASE;
        Map<String, String> hosts = Map.of(fullname + "-catalog", "127.0.0.1", fullname + "-aggregation",
                "127.0.0.1", fullname + "-catalog-management", "127.0.0.1", fullname + "-aggregation-management",
                "127.0.0.1");
        // The chart's management Services listen on 9000, a port of `make run` here: moved into the harness's range.
        Map<String, Map<String, String>> overrides = Map.of("gateway", Map.of(
                "GATEWAY_ROUTES_CATALOG_OPENAPI", "http://" + fullname + "-catalog-management:" + CATALOG_MANAGEMENT
                        + "/q/openapi?format=json",
                "GATEWAY_ROUTES_VIEWS_OPENAPI", "http://" + fullname + "-aggregation-management:"
                        + AGGREGATION_MANAGEMENT + "/q/openapi?format=json"));
        PodSpecRunner runner = new PodSpecRunner(rendered, hosts, overrides, work.resolve("pods"));
        for (String component : COMPONENTS) {
            deployments.put(component, new DeploymentController(component, rendered.deployment(component), runner,
                    POD_PORTS.get(component)));
        }
        services.add(new ServiceProxy("catalog", CATALOG, deployment("catalog")::readyHttpPorts));
        services.add(new ServiceProxy("catalog-management", CATALOG_MANAGEMENT,
                deployment("catalog")::readyManagementPorts));
        services.add(new ServiceProxy("aggregation", AGGREGATION, deployment("aggregation")::readyHttpPorts));
        services.add(new ServiceProxy("aggregation-management", AGGREGATION_MANAGEMENT,
                deployment("aggregation")::readyManagementPorts));
        services.add(new ServiceProxy("gateway", GATEWAY, deployment("gateway")::readyHttpPorts));
        // catalog first: its pods migrate the schema, which aggregation's rebuild reads through catalog's API. The
        // waits allow a startup-probe restart or two (on a machine loaded by other work a first start can outlast
        // the probe's 120 s); how fast a pod starts is bench/containers.sh's measure, not this run's.
        deployment("catalog").scale(minReplicas("catalog"));
        deployment("catalog").awaitAllReady(480);
        deployment("aggregation").scale(minReplicas("aggregation"));
        deployment("gateway").scale(minReplicas("gateway"));
        deployment("aggregation").awaitAllReady(480);
        deployment("gateway").awaitAllReady(480);
    }

    DeploymentController deployment(String component) {
        return deployments.get(component);
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + GATEWAY;
    }

    /** The HPA's minReplicas (the Deployment has no replicas field while the HPA is on), else spec.replicas. */
    int minReplicas(String component) {
        return rendered.objects().stream().filter(HorizontalPodAutoscaler.class::isInstance)
                .map(HorizontalPodAutoscaler.class::cast)
                .filter(h -> h.getSpec().getScaleTargetRef().getName()
                        .equals(rendered.deployment(component).getMetadata().getName()))
                .map(h -> h.getSpec().getMinReplicas()).findFirst()
                .orElseGet(() -> rendered.deployment(component).getSpec().getReplicas());
    }

    @Override
    public void close() {
        Wait.inParallel("delete", deployments.values().stream().<Runnable>map(d -> d::deleteAll).toList());
        for (DeploymentController deployment : deployments.values()) {
            StringBuilder events = new StringBuilder(deployment.events()).append('\n');
            write(work.resolve("logs/" + deployment.component + "-events.log"), events.toString());
            for (Pod pod : deployment.everyPod()) {
                write(work.resolve("logs/" + pod.name + ".log"), Podman.quietly(60, "logs", pod.name).output());
            }
        }
        services.forEach(ServiceProxy::close);
        Podman.removeAll();
        if (infra != null) {
            infra.close();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
