package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** k8s/base is the chart rendered with its defaults; `make k8s` regenerates it. */
class K8sBaseTest {

    static final Chart CHART = ChartRenderTest.CHART;

    @Test
    void shouldEqualAFreshRenderOfTheChart() {
        assertEquals(CHART.renderBase(), CHART.read("k8s/base/scaling-suite.yaml"),
                "k8s/base/scaling-suite.yaml is stale: run `make k8s` and commit the result");
    }

    @Test
    void shouldHoldNoHelmTestHooks() {
        List<HasMetadata> base = Chart.parse(CHART.read("k8s/base/scaling-suite.yaml"));
        assertTrue(base.stream().noneMatch(o -> o.getMetadata().getAnnotations() != null
                && o.getMetadata().getAnnotations().containsKey("helm.sh/hook")));
        assertEquals(3, Manifests.ofKind(base, Deployment.class).size());
    }

    @Test
    void shouldHoldNoSecretButNameTheInternalAuthSecretToCreate() {
        List<HasMetadata> base = Chart.parse(CHART.read("k8s/base/scaling-suite.yaml"));
        assertEquals(List.of(), Manifests.ofKind(base, io.fabric8.kubernetes.api.model.Secret.class),
                "no key committed to git");
        for (Deployment deployment : Manifests.ofKind(base, Deployment.class)) {
            assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .anyMatch(e -> e.getName().equals("SUITE_INTERNAL_AUTH_KEYS")
                            && Chart.BASE_INTERNAL_AUTH_SECRET.equals(e.getValueFrom().getSecretKeyRef().getName())),
                    deployment.getMetadata().getName());
        }
        assertTrue(CHART.read("helm/README.md").contains(Chart.BASE_INTERNAL_AUTH_SECRET),
                "the README says which Secret to create");
    }

    @Test
    void shouldPatchDevToOneReplicaWithoutHpaAndProdToThreeOrMore() {
        String dev = CHART.read("k8s/overlays/dev/kustomization.yaml");
        assertTrue(dev.contains("../../base") && dev.contains("path: /spec/replicas\n        value: 1"), dev);
        assertTrue(dev.contains("kind: HorizontalPodAutoscaler") && dev.contains("$patch: delete"), dev);
        String prod = CHART.read("k8s/overlays/prod/kustomization.yaml");
        assertTrue(prod.contains("../../base") && prod.contains("path: /spec/minReplicas\n        value: 3"), prod);
    }
}
