package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The custom resources the chart renders, against their CRDs' schemas. */
class CrdSchemaTest {

    private static final CrdSchema SCALED_OBJECT = CrdSchema.load("keda.sh_scaledobjects.yaml");

    static List<String> valueSets() {
        return OfficialModels.VALUE_SETS;
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void shouldMatchTheKedaScaledObjectCrd(String set) {
        for (Map<String, Object> scaledObject : scaledObjects(set)) {
            assertEquals(List.of(), SCALED_OBJECT.violations(scaledObject), set);
        }
    }

    @Test
    void shouldCheckAScaledObjectOfEachRedisKind() {
        assertEquals("redis-sentinel-streams", Raw.at(scaledObjects("prod-keda").get(0), "spec.triggers.0.type"));
        assertEquals("redis-cluster-streams", Raw.at(scaledObjects("all-features").get(0), "spec.triggers.0.type"));
    }

    @Test
    void shouldRejectAFieldTheCrdDoesNotDeclare() {
        Map<String, Object> scaledObject = scaledObjects("prod-keda").get(0);
        Raw.map(scaledObject, "spec").put("minReplicas", 3);
        assertRejected(scaledObject, "minReplicas");
    }

    @Test
    void shouldRejectATriggerMetadataValueThatIsNoString() {
        Map<String, Object> scaledObject = scaledObjects("prod-keda").get(0);
        Raw.map(scaledObject, "spec.triggers.0.metadata").put("lagCount", 500);
        assertRejected(scaledObject, "lagCount");
    }

    @Test
    void shouldRejectAScaledObjectWithoutItsTarget() {
        Map<String, Object> scaledObject = scaledObjects("prod-keda").get(0);
        Raw.map(scaledObject, "spec").remove("scaleTargetRef");
        assertRejected(scaledObject, "scaleTargetRef");
    }

    @Test
    void shouldRejectAnUnknownMetadataField() {
        Map<String, Object> scaledObject = scaledObjects("prod-keda").get(0);
        Raw.map(scaledObject, "metadata").put("label", Map.of("a", "b"));
        assertRejected(scaledObject, "`label`");
    }

    private static List<Map<String, Object>> scaledObjects(String set) {
        return OfficialModels.raw(set).stream().filter(o -> "ScaledObject".equals(o.get("kind"))).toList();
    }

    private static void assertRejected(Map<String, Object> scaledObject, String naming) {
        List<String> violations = SCALED_OBJECT.violations(scaledObject);
        assertFalse(violations.isEmpty(), "accepted");
        assertTrue(violations.stream().anyMatch(v -> v.contains(naming)), violations.toString());
    }
}
