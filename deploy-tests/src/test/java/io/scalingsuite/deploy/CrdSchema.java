package io.scalingsuite.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * A custom resource checked against its CRD's openAPIV3Schema (a vendored test resource under crds/), as the API server
 * checks it with strict field validation: a field the schema does not declare is an error (the server would prune it
 * silently by default), unless the schema preserves unknown fields there. The schema dialect is OpenAPI 3.0's subset of
 * JSON Schema draft 4, so a draft-4 validator reads it; metadata is read by the official ObjectMeta model.
 */
final class CrdSchema {

    /** apiVersion/kind of each custom resource the chart renders, and its vendored schema. */
    static final Map<String, String> RESOURCES = Map.of("keda.sh/v1alpha1/ScaledObject", "keda.sh_scaledobjects.yaml",
            "keda.sh/v1alpha1/TriggerAuthentication", "keda.sh_triggerauthentications.yaml",
            "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com_servicemonitors.yaml");
    private static final Map<String, CrdSchema> LOADED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private final String resource;
    private final JsonSchema schema;

    private CrdSchema(String resource, JsonNode openApiV3Schema) {
        this.resource = resource;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict(openApiV3Schema));
    }

    /** The schema of a custom resource's apiVersion/kind (see {@link OfficialModels#type}). */
    static CrdSchema forType(String type) {
        String resource = RESOURCES.get(type);
        if (resource == null) {
            throw new IllegalArgumentException(type + ": no CRD schema vendored for this kind");
        }
        return LOADED.computeIfAbsent(resource, CrdSchema::load);
    }

    /** The schema in test resource {@code crds/<resource>}. */
    private static CrdSchema load(String resource) {
        try (InputStream in = CrdSchema.class.getResourceAsStream("/crds/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource crds/" + resource);
            }
            return new CrdSchema(resource, new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the API server would reject in this object, one line each; empty when it would accept it. */
    List<String> violations(Map<String, Object> object) {
        List<String> found = new ArrayList<>();
        for (ValidationMessage message : schema.validate(JSON_MAPPER.valueToTree(object))) {
            found.add(resource + ": " + message.getMessage());
        }
        try {
            JSON.deserialize(JSON_MAPPER.writeValueAsString(object.get("metadata")), V1ObjectMeta.class);
        } catch (IOException | RuntimeException e) {
            found.add(resource + ": metadata: " + e.getMessage());
        }
        return found;
    }

    /** Every object schema that lists its properties and says nothing of others gets additionalProperties: false. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean open = object.has("additionalProperties")
                    || object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !open) {
                object.put("additionalProperties", false);
            }
        }
        node.forEach(CrdSchema::strict);
        return node;
    }
}
