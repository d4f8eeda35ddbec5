package io.scalingsuite.deploy.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.scalingsuite.deploy.Chart;

/**
 * The chart rendered by Helm (helm-java) with the e2e values, and what the API server and kubelet would resolve from
 * it: a component's Deployment, and each container env entry's value ({@code value}, {@code configMapKeyRef} and
 * {@code secretKeyRef} against the rendered ConfigMaps and Secrets plus the Secrets an operator creates beforehand,
 * {@code fieldRef metadata.namespace}).
 */
final class Rendered {

    static final String NAMESPACE = "e2e";

    private final List<HasMetadata> objects;
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private final Map<String, Map<String, String>> configMaps = new HashMap<>();

    Rendered(Chart chart, Path valuesFile, Map<String, Object> set, Map<String, Map<String, String>> operatorSecrets) {
        this.objects = Chart.parse(chart.template(valuesFile, set));
        secrets.putAll(operatorSecrets);
        for (HasMetadata object : objects) {
            if (object instanceof Secret secret) {
                Map<String, String> data = new HashMap<>();
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> data.put(k,
                            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                }
                if (secret.getStringData() != null) {
                    data.putAll(secret.getStringData());
                }
                secrets.put(secret.getMetadata().getName(), data);
            } else if (object instanceof ConfigMap configMap && configMap.getData() != null) {
                configMaps.put(configMap.getMetadata().getName(), configMap.getData());
            }
        }
    }

    List<HasMetadata> objects() {
        return objects;
    }

    Deployment deployment(String component) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> component.equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment for " + component));
    }

    /** The resolved environment of a container, in order; a missing Secret, ConfigMap or key fails as the kubelet does. */
    Map<String, String> env(List<EnvVar> env) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (EnvVar var : env == null ? List.<EnvVar>of() : env) {
            resolved.put(var.getName(), var.getValueFrom() == null ? nullToEmpty(var.getValue())
                    : resolve(var.getName(), var.getValueFrom()));
        }
        return resolved;
    }

    private String resolve(String name, EnvVarSource source) {
        if (source.getSecretKeyRef() != null) {
            return lookup(secrets, "Secret", source.getSecretKeyRef().getName(), source.getSecretKeyRef().getKey(),
                    name);
        }
        if (source.getConfigMapKeyRef() != null) {
            return lookup(configMaps, "ConfigMap", source.getConfigMapKeyRef().getName(),
                    source.getConfigMapKeyRef().getKey(), name);
        }
        if (source.getFieldRef() != null && "metadata.namespace".equals(source.getFieldRef().getFieldPath())) {
            return NAMESPACE;
        }
        throw new AssertionError(name + ": unsupported valueFrom " + source);
    }

    private static String lookup(Map<String, Map<String, String>> from, String kind, String object, String key,
            String var) {
        Map<String, String> data = from.get(object);
        if (data == null || !data.containsKey(key)) {
            throw new AssertionError(var + ": " + kind + " " + object + " has no key " + key
                    + " (CreateContainerConfigError)");
        }
        return data.get(key);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
