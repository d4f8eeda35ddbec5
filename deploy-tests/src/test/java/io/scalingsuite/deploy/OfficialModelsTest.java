package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;

/** Every rendered object of the four value sets, read strictly by the official Kubernetes Java client's models. */
class OfficialModelsTest {

    static List<String> valueSets() {
        return OfficialModels.VALUE_SETS;
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void shouldParseEveryRenderedObjectWithItsOfficialModel(String set) {
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> object : OfficialModels.raw(set)) {
            kinds.add(OfficialModels.type(object));
            if (!OfficialModels.isCustom(object)) {
                OfficialModels.parse(object);
            }
        }
        assertTrue(kinds.containsAll(Set.of("apps/v1/Deployment", "v1/Service", "v1/Pod", "v1/ConfigMap")),
                set + ": the test hook and the components are among the objects: " + kinds);
    }

    @Test
    void shouldParseResourceQuantitiesAsTheApiServerDoes() {
        V1Deployment gateway = (V1Deployment) OfficialModels.parse(deployment());
        V1Container container = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
        Quantity memory = container.getResources().getLimits().get("memory");
        assertTrue(memory.getNumber().signum() > 0, "memory limit " + memory.toSuffixedString());
    }

    @Test
    void shouldRejectAnUnknownField() {
        Map<String, Object> deployment = deployment();
        Raw.map(deployment, "spec.template.spec.containers.0.resources").put("limit", Map.of("cpu", "1"));
        assertRejected(deployment,
                "The field `limit` in the JSON string is not defined in the `V1ResourceRequirements`");
    }

    @Test
    void shouldRejectAMissingRequiredField() {
        Map<String, Object> deployment = deployment();
        Raw.map(deployment, "spec").remove("selector");
        assertRejected(deployment, "The required field `selector` is not found");
    }

    @Test
    void shouldRejectAMalformedQuantity() {
        Map<String, Object> deployment = deployment();
        Raw.map(Raw.map(deployment, "spec.template.spec.containers.0.resources"), "limits").put("memory",
                "512MB");
        assertRejected(deployment, "Could not parse suffix");
    }

    @Test
    void shouldRejectAKindWithNoModel() {
        Map<String, Object> deployment = deployment();
        deployment.put("apiVersion", "apps/v1beta1");
        assertRejected(deployment, "no official model for this kind");
    }

    @Test
    void shouldRejectAKeyGivenTwice() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> OfficialModels
                .readYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n"));
        assertTrue(e.getMessage().contains("Duplicate field 'name'"), e.getMessage());
    }

    private static Map<String, Object> deployment() {
        return OfficialModels.raw("defaults").stream().filter(o -> "Deployment".equals(o.get("kind"))).findFirst()
                .orElseThrow();
    }

    private static void assertRejected(Map<String, Object> object, String message) {
        Exception e = assertThrows(IllegalArgumentException.class, () -> OfficialModels.parse(object));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
