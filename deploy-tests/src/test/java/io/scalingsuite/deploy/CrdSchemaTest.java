package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The custom resources the chart renders (KEDA's, the Prometheus Operator's), against their CRDs' schemas. */
class CrdSchemaTest {

    static List<String> valueSets() {
        return OfficialModels.VALUE_SETS;
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void shouldMatchTheCrdSchemaOfEachCustomResource(String set) {
        for (Map<String, Object> object : OfficialModels.raw(set)) {
            if (OfficialModels.isCustom(object)) {
                assertEquals(List.of(), CrdSchema.forType(OfficialModels.type(object)).violations(object),
                        set + ": " + OfficialModels.describe(object));
            }
        }
    }

    @Test
    void shouldExerciseEveryVendoredSchemaAndBothKedaRedisKinds() {
        Set<String> rendered = OfficialModels.VALUE_SETS.stream().flatMap(set -> OfficialModels.raw(set).stream())
                .filter(OfficialModels::isCustom).map(OfficialModels::type).collect(Collectors.toSet());
        assertEquals(CrdSchema.RESOURCES.keySet(), rendered);
        assertEquals("redis-sentinel-streams", Raw.at(first("prod-keda", "ScaledObject"), "spec.triggers.0.type"));
        assertEquals("redis-cluster-streams", Raw.at(first("all-features", "ScaledObject"), "spec.triggers.0.type"));
    }

    @Test
    void shouldRejectAFieldTheCrdDoesNotDeclare() {
        Map<String, Object> scaledObject = first("prod-keda", "ScaledObject");
        Raw.map(scaledObject, "spec").put("minReplicas", 3);
        assertRejected(scaledObject, "minReplicas");
    }

    @Test
    void shouldRejectATriggerMetadataValueThatIsNoString() {
        Map<String, Object> scaledObject = first("prod-keda", "ScaledObject");
        Raw.map(scaledObject, "spec.triggers.0.metadata").put("lagCount", 500);
        assertRejected(scaledObject, "lagCount");
    }

    @Test
    void shouldRejectAScaledObjectWithoutItsTarget() {
        Map<String, Object> scaledObject = first("prod-keda", "ScaledObject");
        Raw.map(scaledObject, "spec").remove("scaleTargetRef");
        assertRejected(scaledObject, "scaleTargetRef");
    }

    @Test
    void shouldRejectAnUnknownMetadataField() {
        Map<String, Object> scaledObject = first("prod-keda", "ScaledObject");
        Raw.map(scaledObject, "metadata").put("label", Map.of("a", "b"));
        assertRejected(scaledObject, "`label`");
    }

    @Test
    void shouldRejectATriggerAuthenticationSecretRefWithoutItsKey() {
        Map<String, Object> auth = first("prod-keda", "TriggerAuthentication");
        Raw.map(auth, "spec.secretTargetRef.0").remove("key");
        assertRejected(auth, "'key'");
    }

    @Test
    void shouldRejectAServiceMonitorIntervalPrometheusCannotRead() {
        Map<String, Object> serviceMonitor = first("all-features", "ServiceMonitor");
        Raw.map(serviceMonitor, "spec.endpoints.0").put("interval", "30 seconds");
        assertRejected(serviceMonitor, "interval");
    }

    private static Map<String, Object> first(String set, String kind) {
        return OfficialModels.raw(set).stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    private static void assertRejected(Map<String, Object> object, String naming) {
        List<String> violations = CrdSchema.forType(OfficialModels.type(object)).violations(object);
        assertFalse(violations.isEmpty(), "accepted");
        assertTrue(violations.stream().anyMatch(v -> v.contains(naming)), violations.toString());
    }
}
