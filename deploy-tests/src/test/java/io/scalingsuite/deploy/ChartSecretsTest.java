package io.scalingsuite.deploy;

import static io.scalingsuite.deploy.ChartRenderTest.name;
import static io.scalingsuite.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The one Secret the chart may render is the services' internal-auth keys, generated at install (never a value from
 * values.yaml) and not rendered at all when global.internalAuth.existingSecret names yours; no credential in a
 * ConfigMap, in values.yaml or in a plain env value.
 */
class ChartSecretsTest {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|api_?key|sha256|auth_keys).*");
    /** The dev key's prefix, a 64-hex-digit hash, or a URL with credentials in it. */
    private static final Pattern SECRET_VALUE =
            Pattern.compile("(?i)(ss-dev-|\\b[0-9a-f]{64}\\b|://[^/@\\s]+:[^/@\\s]+@)");
    private static final Pattern GENERATED_KEYS = Pattern.compile("k1:[A-Za-z0-9]{48}");
    private static final Map<String, Object> EXISTING =
            Map.of("global.internalAuth.existingSecret", "shop-internal-auth",
                    "global.internalAuth.keysKey", "suite-keys");

    private final List<HasMetadata> defaults = Chart.parse(ChartRenderTest.CHART.template(Map.of()));

    @Test
    void shouldRenderOnlyTheGeneratedInternalAuthSecretByDefault() {
        List<Secret> secrets = ofKind(defaults, Secret.class);
        assertEquals(List.of(name("internal-auth")), secrets.stream().map(s -> s.getMetadata().getName()).toList());
        assertEquals(Set.of("keys"), secrets.get(0).getData().keySet());
        assertTrue(GENERATED_KEYS.matcher(keys(defaults)).matches(), "one key: k1:<48 random letters and digits>");
    }

    @Test
    void shouldGenerateTheKeyAtInstallRatherThanTakeItFromValues() throws Exception {
        String other = keys(Chart.parse(ChartRenderTest.CHART.template(Map.of())));
        assertNotEquals(keys(defaults), other, "a new random key per install");
        String values = Files.readString(ChartRenderTest.CHART.chartDir().resolve("values.yaml"));
        assertFalse(values.contains(other.substring(3)));
        assertThrows(Exception.class, () -> ChartRenderTest.CHART.template(Map.of("global.internalAuth.keys",
                "k1:" + "x".repeat(40))), "no value carries the keys themselves");
    }

    @Test
    void shouldKeepTheInstalledKeyOnUpgrade() {
        String installed = "k1:" + "A".repeat(48);
        String encoded = Base64.getEncoder().encodeToString(installed.getBytes(StandardCharsets.UTF_8));
        // What lookup returns on a cluster where the release's Secret exists (helm template itself has no cluster).
        String upgraded = ChartRenderTest.CHART.templateRewritten(text -> text.replace(
                "lookup \"v1\" \"Secret\" .Release.Namespace $name",
                "dict \"data\" (dict \"keys\" \"" + encoded + "\")"), Map.of());
        assertEquals(installed, keys(Chart.parse(upgraded)));
    }

    @Test
    void shouldRenderNoSecretWhenAnExistingSecretIsNamed() {
        assertEquals(List.of(), ofKind(Chart.parse(ChartRenderTest.CHART.template(EXISTING)), Secret.class));
    }

    @Test
    void shouldGiveEveryServiceTheKeysFromTheGeneratedSecret() {
        assertKeysFrom(defaults, name("internal-auth"), "keys");
    }

    @Test
    void shouldGiveEveryServiceTheKeysFromAnExistingSecret() {
        assertKeysFrom(Chart.parse(ChartRenderTest.CHART.template(EXISTING)), "shop-internal-auth", "suite-keys");
    }

    private static void assertKeysFrom(List<HasMetadata> objects, String secret, String key) {
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        assertEquals(3, deployments.size());
        for (Deployment deployment : deployments) {
            EnvVar keys = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("SUITE_INTERNAL_AUTH_KEYS")).findFirst()
                    .orElseThrow(() -> new AssertionError(
                            deployment.getMetadata().getName() + " has no SUITE_INTERNAL_AUTH_KEYS"));
            SecretKeySelector ref = keys.getValueFrom().getSecretKeyRef();
            assertEquals(secret + "/" + key, ref.getName() + "/" + ref.getKey(), deployment.getMetadata().getName());
        }
    }

    private static String keys(List<HasMetadata> objects) {
        Secret secret = ofKind(objects, Secret.class).get(0);
        return new String(Base64.getDecoder().decode(secret.getData().get("keys")), StandardCharsets.UTF_8);
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
