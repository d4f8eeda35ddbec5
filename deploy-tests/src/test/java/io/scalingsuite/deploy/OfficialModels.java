package io.scalingsuite.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * The rendered objects read by the official Kubernetes Java client's models (io.kubernetes:client-java-api). Their
 * gson adapters call each generated model's {@code validateJsonElement}, which rejects a field the API does not define
 * and a missing required one, at every depth; {@code Quantity} and {@code IntOrString} parse through their own
 * adapters. fabric8's models, which the other tests use, keep unknown fields aside and accept anything as a quantity.
 */
final class OfficialModels {

    /** The value sets of {@link ChartValueSetsTest}. */
    static final List<String> VALUE_SETS = List.of("defaults", "dev", "prod-keda", "all-features");
    private static final Map<String, Class<?>> MODELS = Map.of("v1/ConfigMap", V1ConfigMap.class, "v1/Secret",
            V1Secret.class, "v1/Service", V1Service.class, "v1/ServiceAccount", V1ServiceAccount.class, "v1/Pod",
            V1Pod.class, "apps/v1/Deployment", V1Deployment.class, "autoscaling/v2/HorizontalPodAutoscaler",
            V2HorizontalPodAutoscaler.class, "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class, "networking.k8s.io/v1/Ingress",
            V1Ingress.class);
    /** A key given twice is an error, as the API server's strict field validation makes it. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON_WRITER = new ObjectMapper();
    private static final Map<String, List<Map<String, Object>>> RAW = new HashMap<>();

    private OfficialModels() {
    }

    /** Every object a value set renders, the {@code helm test} hooks included, as plain maps. */
    static synchronized List<Map<String, Object>> raw(String set) {
        return RAW.computeIfAbsent(set, s -> {
            String hooks = s.equals("defaults") ? ChartValueSetsTest.CHART.templateTestHooks(Map.of())
                    : ChartValueSetsTest.CHART.templateTestHooks(ChartValueSetsTest.valuesFile(s));
            return readYaml(ChartValueSetsTest.render(s) + hooks);
        }).stream().map(OfficialModels::copy).toList();
    }

    static List<Map<String, Object>> readYaml(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String document : Chart.documents(yaml)) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = YAML.readValue(document, LinkedHashMap.class);
                objects.add(object);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage() + " in:\n" + document, e);
            }
        }
        return objects;
    }

    static String type(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind");
    }

    static String describe(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        return type(object) + " " + (metadata instanceof Map<?, ?> m ? m.get("name") : null);
    }

    /** A custom resource, which no core model covers: its CRD's schema checks it (see {@link CrdSchema}). */
    static boolean isCustom(Map<String, Object> object) {
        return CrdSchema.RESOURCES.containsKey(type(object));
    }

    /**
     * The object as its official model; a kind with no model (nor a CRD schema) fails, so nothing rendered goes
     * unchecked.
     */
    static Object parse(Map<String, Object> object) {
        Class<?> model = MODELS.get(type(object));
        if (model == null) {
            throw new IllegalArgumentException(describe(object) + ": no official model for this kind");
        }
        try {
            return JSON.deserialize(JSON_WRITER.writeValueAsString(object), model);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(describe(object) + ": " + e.getMessage(), e);
        }
    }

    /** A deep copy through JSON, for tests that break an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> object) {
        try {
            return JSON_WRITER.readValue(JSON_WRITER.writeValueAsString(object), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
