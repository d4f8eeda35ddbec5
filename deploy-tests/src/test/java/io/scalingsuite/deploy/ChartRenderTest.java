package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.Manifests.COMPONENTS;
import static io.scalingsuite.deploy.Manifests.SELECTOR_KEYS;
import static io.scalingsuite.deploy.Manifests.named;
import static io.scalingsuite.deploy.Manifests.ofKind;
import static io.scalingsuite.deploy.Manifests.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The chart rendered with its defaults (the autoscaled suite) and with autoscaling off, checked object by object. */
class ChartRenderTest {

    static final Chart CHART = Chart.fromSystemProperty();
    static List<HasMetadata> defaults;
    static List<HasMetadata> fixedReplicas;

    @BeforeAll
    static void render() {
        defaults = Chart.parse(CHART.template(Map.of()));
        fixedReplicas = Chart.parse(CHART.template(Map.of(
                "catalog.autoscaling.enabled", false,
                "aggregation.autoscaling.enabled", false,
                "gateway.autoscaling.enabled", false,
                "catalog.replicaCount", 3)));
    }

    static String name(String component) {
        return Chart.RELEASE + "-" + component;
    }

    @Test
    void shouldParseEveryObjectWithoutUnknownFields() {
        for (List<HasMetadata> objects : List.of(defaults, fixedReplicas)) {
            assertFalse(objects.isEmpty());
            for (HasMetadata object : objects) {
                assertEquals(List.of(), Manifests.unknownFields(object),
                        object.getKind() + " " + object.getMetadata().getName());
            }
        }
    }

    @Test
    void shouldRenderEveryComponentsObjects() {
        for (String component : COMPONENTS) {
            named(defaults, Deployment.class, name(component));
            named(defaults, Service.class, name(component));
            named(defaults, Service.class, name(component) + "-management");
            named(defaults, HorizontalPodAutoscaler.class, name(component));
            named(defaults, PodDisruptionBudget.class, name(component));
        }
    }

    @Test
    void shouldSelectOnlyByNameInstanceAndComponent() {
        assertSelectors(defaults);
    }

    /** Selectors hold only the immutable labels, and every Deployment's pods carry its selector. */
    static void assertSelectors(List<HasMetadata> objects) {
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertEquals(SELECTOR_KEYS, selector.keySet(), deployment.getMetadata().getName());
            assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(selector.entrySet()));
        }
        for (Service service : ofKind(objects, Service.class)) {
            assertEquals(SELECTOR_KEYS, service.getSpec().getSelector().keySet(), service.getMetadata().getName());
        }
        for (PodDisruptionBudget pdb : ofKind(objects, PodDisruptionBudget.class)) {
            assertEquals(SELECTOR_KEYS, pdb.getSpec().getSelector().getMatchLabels().keySet());
        }
    }

    @Test
    void shouldPointEachServiceAtItsOwnComponentsPods() {
        assertServicesSelectTheirPods(defaults);
    }

    static void assertServicesSelectTheirPods(List<HasMetadata> objects) {
        for (String component : COMPONENTS) {
            Deployment deployment = named(objects, Deployment.class, name(component));
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            for (String service : List.of(name(component), name(component) + "-management")) {
                Map<String, String> selector = named(objects, Service.class, service).getSpec().getSelector();
                assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), service);
                assertEquals(component, selector.get("app.kubernetes.io/component"));
            }
        }
    }

    @Test
    void shouldExposeOnlyTheGatewayThroughALoadBalancer() {
        assertOnlyTheGatewayIsALoadBalancer(defaults);
    }

    static void assertOnlyTheGatewayIsALoadBalancer(List<HasMetadata> objects) {
        assertEquals("LoadBalancer", named(objects, Service.class, name("gateway")).getSpec().getType());
        for (Service service : ofKind(objects, Service.class)) {
            if (!service.getMetadata().getName().equals(name("gateway"))) {
                assertEquals("ClusterIP", service.getSpec().getType(), service.getMetadata().getName());
                assertTrue(service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == 9000)
                        || service.getMetadata().getName().endsWith("-management"));
            }
        }
        assertTrue(named(objects, Service.class, name("gateway")).getSpec().getPorts().stream()
                .noneMatch(p -> p.getPort() == 9000), "the management port never reaches the load balancer");
    }

    @Test
    void shouldScaleEveryDeploymentWithAnAutoscalingV2HpaAndSurgeBehavior() {
        assertEquals(COMPONENTS.size(), ofKind(defaults, HorizontalPodAutoscaler.class).size());
        assertHpas(defaults);
    }

    /** Every HPA rendered: autoscaling/v2 on its own component's Deployment, min <= max, CPU target, surge behavior. */
    static void assertHpas(List<HasMetadata> objects) {
        for (HorizontalPodAutoscaler hpa : ofKind(objects, HorizontalPodAutoscaler.class)) {
            assertEquals("autoscaling/v2", hpa.getApiVersion());
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(hpa.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
            named(objects, Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
            assertTrue(hpa.getSpec().getMetrics().stream()
                    .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName())));
            var up = hpa.getSpec().getBehavior().getScaleUp();
            var down = hpa.getSpec().getBehavior().getScaleDown();
            assertEquals(0, up.getStabilizationWindowSeconds());
            assertEquals("Max", up.getSelectPolicy());
            assertTrue(up.getPolicies().stream().anyMatch(p -> is(p, "Percent", 100, 15)));
            assertTrue(up.getPolicies().stream().anyMatch(p -> is(p, "Pods", 4, 15)));
            assertEquals(300, down.getStabilizationWindowSeconds());
            assertTrue(down.getPolicies().stream().anyMatch(p -> is(p, "Percent", 20, 60)));
        }
    }

    private static boolean is(HPAScalingPolicy policy, String type, int value, int period) {
        return policy.getType().equals(type) && policy.getValue() == value && policy.getPeriodSeconds() == period;
    }

    @Test
    void shouldLeaveReplicasToTheHpaWhenAutoscalingIsOn() {
        for (Deployment deployment : ofKind(defaults, Deployment.class)) {
            assertNull(deployment.getSpec().getReplicas(), deployment.getMetadata().getName());
        }
    }

    @Test
    void shouldSetReplicasAndRenderNoHpaWhenAutoscalingIsOff() {
        assertTrue(ofKind(fixedReplicas, HorizontalPodAutoscaler.class).isEmpty());
        assertEquals(3, named(fixedReplicas, Deployment.class, name("catalog")).getSpec().getReplicas());
        assertEquals(2, named(fixedReplicas, Deployment.class, name("gateway")).getSpec().getReplicas());
    }

    @Test
    void shouldProbeTheManagementPortOnQuarkusHealthPaths() {
        assertProbes(defaults);
    }

    static void assertProbes(List<HasMetadata> objects) {
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertProbe(container, container.getStartupProbe(), "/q/health/started");
            assertProbe(container, container.getLivenessProbe(), "/q/health/live");
            assertProbe(container, container.getReadinessProbe(), "/q/health/ready");
        }
    }

    private static void assertProbe(Container container, Probe probe, String path) {
        assertNotNull(probe, container.getName() + " " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(9000, port(container, probe.getHttpGet()), container.getName() + " " + path);
    }

    @Test
    void shouldRequestCpuAndPinTheImageOfEveryContainer() {
        assertRequestsAndPinnedImages(defaults);
        assertRequestsAndPinnedImages(fixedReplicas);
    }

    static void assertRequestsAndPinnedImages(List<HasMetadata> objects) {
        for (PodSpec pod : podSpecs(objects)) {
            for (Container container : pod.getContainers()) {
                assertNotNull(container.getResources().getRequests().get("cpu"), container.getName());
                assertNotNull(container.getResources().getLimits().get("memory"), container.getName());
                String image = container.getImage();
                assertTrue(image.matches(".+:[A-Za-z0-9_][A-Za-z0-9_.-]*") && !image.endsWith(":latest"), image);
            }
        }
    }

    @Test
    void shouldRunRestrictedWithReadOnlyRootAndDrainOnStop() {
        assertRestrictedAndDraining(defaults);
    }

    static void assertRestrictedAndDraining(List<HasMetadata> objects) {
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
            assertTrue(pod.getTerminationGracePeriodSeconds() > 5);
            assertEquals(2, pod.getTopologySpreadConstraints().size());
            Container container = pod.getContainers().get(0);
            var security = container.getSecurityContext();
            assertTrue(security.getRunAsNonRoot());
            assertTrue(security.getReadOnlyRootFilesystem());
            assertFalse(security.getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
            assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")));
            assertNotNull(container.getLifecycle().getPreStop().getExec());
            assertNotNull(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config"));
        }
    }

    @Test
    void shouldRollPodsWhenTheirConfigChanges() {
        List<HasMetadata> changed = Chart.parse(CHART.template(Map.of("global.redis.hosts", "redis://elsewhere:6379")));
        for (String component : COMPONENTS) {
            assertFalse(checksum(defaults, component).equals(checksum(changed, component)), component);
        }
    }

    private static String checksum(List<HasMetadata> objects, String component) {
        return named(objects, Deployment.class, name(component)).getSpec().getTemplate().getMetadata().getAnnotations()
                .get("checksum/config");
    }

    static List<PodSpec> podSpecs(List<HasMetadata> objects) {
        List<PodSpec> specs = new java.util.ArrayList<>();
        ofKind(objects, Deployment.class).forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
        ofKind(objects, io.fabric8.kubernetes.api.model.Pod.class).forEach(p -> specs.add(p.getSpec()));
        return specs;
    }
}
