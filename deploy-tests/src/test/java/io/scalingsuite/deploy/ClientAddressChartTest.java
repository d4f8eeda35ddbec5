package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What lets the gateway see each client's own address: gateway.trustedProxies and the Service's externalTrafficPolicy. */
class ClientAddressChartTest {

    static final Chart CHART = ChartRenderTest.CHART;

    @Test
    void shouldTrustNoProxyByDefault() {
        List<HasMetadata> defaults = Chart.parse(CHART.template(Map.of()));
        assertEquals("",
                named(defaults, ConfigMap.class, name("gateway")).getData().get("GATEWAY_FORWARDED_TRUSTED_PROXIES"));
        assertEquals(name("gateway"),
                named(defaults, Deployment.class, name("gateway")).getSpec().getTemplate().getSpec()
                        .getContainers().get(0).getEnv().stream()
                        .filter(e -> e.getName().equals("GATEWAY_FORWARDED_TRUSTED_PROXIES"))
                        .findFirst().orElseThrow().getValueFrom().getConfigMapKeyRef().getName());
    }

    @Test
    void shouldPassTrustedProxiesToTheGatewayCommaSeparated() {
        List<HasMetadata> objects = Chart.parse(CHART.template(Map.of("gateway.trustedProxies[0]", "10.244.0.0/16",
                "gateway.trustedProxies[1]", "fd00::/8", "gateway.trustedProxies[2]", "203.0.113.7")));
        assertEquals("10.244.0.0/16,fd00::/8,203.0.113.7",
                named(objects, ConfigMap.class, name("gateway")).getData().get("GATEWAY_FORWARDED_TRUSTED_PROXIES"));
    }

    @Test
    void shouldRefuseATrustedProxyThatIsNoAddressOrRange() {
        assertThrows(Exception.class,
                () -> CHART.template(Map.of("gateway.trustedProxies[0]", "ingress-nginx.example")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.trustedProxies[0]", "10.0.0.0/8")));
    }

    @Test
    void shouldSetExternalTrafficPolicyOnTheLoadBalancer() {
        assertEquals("Cluster", gatewayService(Map.of()).getSpec().getExternalTrafficPolicy());
        assertEquals("Local", gatewayService(Map.of("gateway.service.externalTrafficPolicy", "Local")).getSpec()
                .getExternalTrafficPolicy());
        assertEquals("Local", gatewayService(Map.of("gateway.service.type", "NodePort",
                "gateway.service.externalTrafficPolicy", "Local")).getSpec().getExternalTrafficPolicy());
    }

    @Test
    void shouldLeaveExternalTrafficPolicyOffAClusterIpService() {
        assertNull(gatewayService(
                Map.of("gateway.service.type", "ClusterIP", "gateway.service.externalTrafficPolicy", "Local"))
                .getSpec().getExternalTrafficPolicy(), "Kubernetes refuses it on ClusterIP");
        assertThrows(Exception.class, () -> CHART.template(Map.of("gateway.service.externalTrafficPolicy", "local")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.service.externalTrafficPolicy", "Local")));
    }

    private static Service gatewayService(Map<String, Object> values) {
        return named(Chart.parse(CHART.template(values)), Service.class, name("gateway"));
    }
}
