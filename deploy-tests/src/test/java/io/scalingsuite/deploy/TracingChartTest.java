package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.COMPONENTS;
import static io.scalingsuite.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * observability.tracing (docs/tracing.md): off by default, nothing rendered (the services keep the SDK off); on,
 * every component gets the same OTLP endpoint, protocol and sampling ratio from its ConfigMap. observability.logs:
 * JSON log lines unless turned off.
 */
class TracingChartTest {

    static final Chart CHART = ChartRenderTest.CHART;

    @Test
    void shouldRenderNoTracingSettingsByDefault() {
        List<HasMetadata> objects = Chart.parse(CHART.template(Map.of()));
        for (String component : COMPONENTS) {
            Map<String, String> config = named(objects, ConfigMap.class, name(component)).getData();
            assertEquals(List.of(), config.keySet().stream().filter(key -> key.startsWith("QUARKUS_OTEL_")).toList(),
                    component);
        }
    }

    @Test
    void shouldGiveEveryComponentTheSameTracingSettingsWhenEnabled(@TempDir Path dir) throws Exception {
        // a values file: --set would hand the ratio over as a string, which the schema refuses
        Path values = Files.writeString(dir.resolve("tracing.yaml"), """
                observability:
                  tracing:
                    enabled: true
                    endpoint: http://otel-collector.monitoring:4318
                    protocol: http/protobuf
                    samplerRatio: 0.25
                """);
        List<HasMetadata> objects = Chart.parse(CHART.template(values));
        for (String component : COMPONENTS) {
            Map<String, String> config = named(objects, ConfigMap.class, name(component)).getData();
            assertEquals("false", config.get("QUARKUS_OTEL_SDK_DISABLED"), component);
            assertEquals("http://otel-collector.monitoring:4318",
                    config.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), component);
            assertEquals("http/protobuf", config.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), component);
            assertEquals("0.25", config.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), component);
        }
    }

    @Test
    void shouldGiveEveryComponentJsonLogsByDefaultAndPlainOnesWhenAsked() {
        List<HasMetadata> json = Chart.parse(CHART.template(Map.of()));
        List<HasMetadata> plain = Chart.parse(CHART.template(Map.of("observability.logs.json", "false")));
        for (String component : COMPONENTS) {
            assertEquals("true", named(json, ConfigMap.class, name(component)).getData()
                    .get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), component);
            assertEquals("false", named(plain, ConfigMap.class, name(component)).getData()
                    .get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), component);
        }
    }

    @Test
    void shouldRefuseARatioAboveOne(@TempDir Path dir) throws Exception {
        Path values = Files.writeString(dir.resolve("tracing.yaml"), "observability: {tracing: {samplerRatio: 1.5}}\n");
        assertThrows(Exception.class, () -> CHART.template(values));
    }

    @Test
    void shouldRefuseAnUnknownProtocol() {
        assertThrows(Exception.class, () -> CHART.template(Map.of("observability.tracing.protocol", "zipkin")));
    }
}
