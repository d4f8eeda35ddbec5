package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** gateway.nearCacheMaxBytes: the heap the gateway's near cache may hold, as GATEWAY_CACHE_NEAR_MAX_BYTES. */
class NearCacheChartTest {

    static final Chart CHART = ChartRenderTest.CHART;
    private static final String VARIABLE = "GATEWAY_CACHE_NEAR_MAX_BYTES";

    @Test
    void shouldGiveTheGatewayItsNearCacheBoundFromItsConfigMap() {
        List<HasMetadata> defaults = Chart.parse(CHART.template(Map.of()));

        assertEquals("64M", named(defaults, ConfigMap.class, name("gateway")).getData().get(VARIABLE));
        assertEquals(name("gateway"),
                named(defaults, Deployment.class, name("gateway")).getSpec().getTemplate().getSpec()
                        .getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(VARIABLE))
                        .findFirst().orElseThrow().getValueFrom().getConfigMapKeyRef().getName());
    }

    @Test
    void shouldWriteAByteCountFromAValuesFileAsDigits(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "gateway:\n  nearCacheMaxBytes: 134217728\n");

        assertEquals("134217728", // Helm reads the number as a float: printed as is, 1.34217728e+08
                named(Chart.parse(CHART.template(values)), ConfigMap.class, name("gateway")).getData().get(VARIABLE));
    }

    @Test
    void shouldRefuseASizeTheGatewayCannotRead() {
        assertThrows(Exception.class, () -> CHART.template(Map.of("gateway.nearCacheMaxBytes", "64Mi")));
        assertThrows(Exception.class, () -> CHART.template(Map.of("gateway.nearCacheMaxBytes", -1)));
        assertThrows(Exception.class, () -> CHART.template(Map.of("catalog.nearCacheMaxBytes", "64M")));
    }
}
