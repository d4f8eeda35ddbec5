package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.Manifests.named;
import static io.scalingsuite.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Lint, values schema, NetworkPolicies, PDBs, Ingress and the `helm test` pod. */
class ChartPolicyTest {

    static final Chart CHART = ChartRenderTest.CHART;
    static List<HasMetadata> defaults;

    @BeforeAll
    static void render() {
        defaults = Chart.parse(CHART.template(Map.of()));
    }

    @Test
    void shouldPassHelmLintStrict() {
        LintResult result = new Helm(CHART.chartDir()).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void shouldRejectAnUnknownKey() {
        Exception error = assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.replicas", 3)));
        assertTrue(error.getMessage().contains("replicas"), error.getMessage());
    }

    @Test
    void shouldRejectAWrongType() {
        Exception error =
                assertThrows(Exception.class, () -> CHART.template(Map.of("gateway.autoscaling.enabled", "yes")));
        assertTrue(error.getMessage().contains("enabled"), error.getMessage());
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.autoscaling.maxReplicas", "many")));
    }

    @Test
    void shouldRejectAnUnpinnedImage() {
        assertThrows(Exception.class, () -> CHART.template(Map.of("aggregation.image.tag", "latest")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.service.type", "LoadBalancer")));
    }

    @Test
    void shouldOpenTheGatewayAndFenceTheServicesWithNetworkPolicies() {
        NetworkPolicy gateway = named(defaults, NetworkPolicy.class, "scaling-suite-gateway");
        assertTrue(gateway.getSpec().getIngress().stream().anyMatch(rule -> isFromAnywhereOn(rule, 8080)));
        for (String component : List.of("catalog", "aggregation")) {
            NetworkPolicy policy = named(defaults, NetworkPolicy.class, "scaling-suite-" + component);
            int apiPort = component.equals("catalog") ? 8081 : 8082;
            assertTrue(policy.getSpec().getIngress().stream().noneMatch(rule -> rule.getFrom().isEmpty()),
                    component + " must not be open to everyone");
            List<String> apiClients = policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == apiPort))
                    .flatMap(rule -> rule.getFrom().stream())
                    .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).toList();
            assertEquals(component.equals("catalog") ? List.of("gateway", "aggregation") : List.of("gateway"),
                    apiClients);
        }
        for (NetworkPolicy policy : ofKind(defaults, NetworkPolicy.class)) {
            assertTrue(policy.getSpec().getIngress().stream().anyMatch(rule -> rule.getPorts().stream()
                    .anyMatch(p -> p.getPort().getIntVal() == 9000)
                    && rule.getFrom().stream().anyMatch(peer -> "monitoring".equals(peer.getNamespaceSelector() == null
                            ? null
                            : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))));
        }
        assertTrue(
                ofKind(Chart.parse(CHART.template(Map.of("global.networkPolicy.enabled", false))), NetworkPolicy.class)
                        .isEmpty());
    }

    @Test
    void shouldLetAggregationReachCatalogsApiPortForRebuilds() {
        // a rebuild calls catalog's export directly (AGGREGATION_CATALOG_URL), not through the gateway
        String catalogUrl =
                named(defaults, io.fabric8.kubernetes.api.model.ConfigMap.class, "scaling-suite-aggregation")
                        .getData().get("AGGREGATION_CATALOG_URL");
        assertEquals("http://scaling-suite-catalog:8081", catalogUrl);
        Map<String, String> aggregationPods = named(defaults, Deployment.class, "scaling-suite-aggregation").getSpec()
                .getTemplate().getMetadata().getLabels();
        int catalogHttp = named(defaults, Deployment.class, "scaling-suite-catalog").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getPorts().stream().filter(p -> p.getName().equals("http")).findFirst()
                .orElseThrow().getContainerPort();
        NetworkPolicy catalog = named(defaults, NetworkPolicy.class, "scaling-suite-catalog");
        assertTrue(catalog.getSpec().getIngress().stream().anyMatch(rule -> rule.getPorts().stream()
                .anyMatch(p -> p.getPort().getIntVal() == catalogHttp)
                && rule.getFrom().stream()
                        .anyMatch(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                                && aggregationPods.entrySet()
                                        .containsAll(peer.getPodSelector().getMatchLabels().entrySet()))),
                "catalog's NetworkPolicy admits aggregation's pods on port " + catalogHttp);
    }

    private static boolean isFromAnywhereOn(NetworkPolicyIngressRule rule, int port) {
        return rule.getFrom().isEmpty() && rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port);
    }

    @Test
    void shouldKeepOnePodUpPerComponentDuringDisruptions() {
        assertEquals(3, ofKind(defaults, PodDisruptionBudget.class).size());
        ofKind(defaults, PodDisruptionBudget.class)
                .forEach(pdb -> assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal()));
        PodDisruptionBudget percent =
                named(Chart.parse(CHART.template(Map.of("gateway.podDisruptionBudget.maxUnavailable", "25%"))),
                        PodDisruptionBudget.class, "scaling-suite-gateway");
        assertEquals("25%", percent.getSpec().getMaxUnavailable().getStrVal());
        assertEquals(null, percent.getSpec().getMinAvailable());
    }

    @Test
    void shouldRenderTheIngressOnlyWhenAsked() {
        assertTrue(ofKind(defaults, Ingress.class).isEmpty());
        List<HasMetadata> objects = Chart.parse(CHART.template(Map.of("gateway.ingress.enabled", true,
                "gateway.ingress.hosts[0].host", "api.example.org", "gateway.ingress.hosts[0].paths[0].path", "/",
                "gateway.ingress.hosts[0].paths[0].pathType", "Prefix")));
        Ingress ingress = named(objects, Ingress.class, "scaling-suite-gateway");
        assertEquals("api.example.org", ingress.getSpec().getRules().get(0).getHost());
        assertEquals("scaling-suite-gateway",
                ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend()
                        .getService().getName());
    }

    @Test
    void shouldScrapeTheManagementPortWhenServiceMonitorsAreOn() {
        assertTrue(ofKind(defaults, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class).isEmpty());
        List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> monitors = ofKind(
                Chart.parse(CHART.template(Map.of(
                        "catalog.serviceMonitor.enabled", true, "catalog.serviceMonitor.labels.release",
                        "kube-prometheus"))),
                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        assertEquals(1, monitors.size());
        assertEquals("ServiceMonitor", monitors.get(0).getKind());
        assertEquals("kube-prometheus", monitors.get(0).getMetadata().getLabels().get("release"));
        String endpoints = monitors.get(0).getAdditionalProperties().get("spec").toString();
        assertTrue(endpoints.contains("port=management") && endpoints.contains("path=/q/metrics"), endpoints);
    }

    @Test
    void shouldShipTheGrafanaDashboardOnlyWhenAsked() {
        assertTrue(ofKind(defaults, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .noneMatch(c -> c.getData().containsKey("scaling-suite.json")));
        var dashboard = named(Chart.parse(CHART.template(Map.of("grafanaDashboard.enabled", true))),
                io.fabric8.kubernetes.api.model.ConfigMap.class, "scaling-suite-dashboard");
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        String json = dashboard.getData().get("scaling-suite.json");
        for (String series : List.of("http_server_requests_seconds_count", "catalog_cache_gets_total",
                "kube_horizontalpodautoscaler_status_desired_replicas", "aggregation_stream_pending",
                "agroal_active_count")) {
            assertTrue(json.contains(series), series);
        }
    }

    @Test
    void shouldPrintTheRealAddressForLoadBalancerIngressAndPortForward() {
        assertTrue(CHART.notes(Map.of()).contains("status.loadBalancer.ingress"));
        assertTrue(CHART.notes(Map.of("gateway.ingress.enabled", true, "gateway.ingress.tls[0].secretName", "api-tls"))
                .contains("https://scaling-suite.example.com/"));
        assertTrue(CHART.notes(Map.of("gateway.service.type", "ClusterIP"))
                .contains("kubectl --namespace shop port-forward svc/scaling-suite-gateway 8080:80"));
    }

    @Test
    void shouldTestTheGatewaysReadinessAndAnApiRoute() {
        assertTrue(CHART.read("helm/scaling-suite/templates/tests/test-connection.yaml")
                .contains("\"helm.sh/hook\": test"));
        List<Pod> pods = ofKind(Chart.parse(CHART.templateTestHooks(Map.of())), Pod.class);
        assertEquals(1, pods.size());
        Pod test = pods.get(0);
        assertEquals("test", test.getMetadata().getAnnotations().get("helm-test/hook"));
        assertTrue(test.getSpec().getContainers().get(0).getImage().matches("[^:]+/curl:\\d+\\.\\d+\\.\\d+"));
        assertEquals(List.of(), Manifests.unknownFields(test));
        String script = String.join(" ", test.getSpec().getContainers().get(0).getCommand());
        assertTrue(script.contains("http://scaling-suite-gateway-management:9000/q/health/ready"), script);
        assertTrue(script.contains("http://scaling-suite-gateway:80/api/"), script);
    }
}
