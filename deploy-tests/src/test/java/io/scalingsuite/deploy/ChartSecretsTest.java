package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** No secret in the chart's defaults: no Secret object, no credential in a ConfigMap, values or a plain env value. */
class ChartSecretsTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|api_?key|sha256).*");
    /** The dev key's prefix, a 64-hex-digit hash, or a URL with credentials in it. */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i)(ss-dev-|\\b[0-9a-f]{64}\\b|://[^/@\\s]+:[^/@\\s]+@)");

    private final List<HasMetadata> defaults = Chart.parse(ChartRenderTest.CHART.template(Map.of()));

    @Test
    void shouldRenderNoSecretObjectByDefault() {
        assertEquals(List.of(), ofKind(defaults, Secret.class), "credentials come from existing Secrets");
    }

    @Test
    void shouldKeepCredentialsOutOfConfigMaps() {
        List<String> found = new ArrayList<>();
        for (ConfigMap map : ofKind(defaults, ConfigMap.class)) {
            map.getData().forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches() || SECRET_VALUE.matcher(value).find()) {
                    found.add(map.getMetadata().getName() + "/" + key);
                }
            });
        }
        assertEquals(List.of(), found);
    }

    @Test
    void shouldTakeEverySecretLookingVariableFromASecretReference() {
        List<String> plain = new ArrayList<>();
        for (Deployment deployment : ofKind(defaults, Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches() && env.getValue() != null) {
                        plain.add(deployment.getMetadata().getName() + ": " + env.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), plain);
    }

    @Test
    void shouldShipNoCredentialInTheValuesDefaults() throws Exception {
        String values = Files.readString(ChartRenderTest.CHART.chartDir().resolve("values.yaml"));
        assertFalse(SECRET_VALUE.matcher(values).find(), "values.yaml holds something that looks like a credential");
    }
}
