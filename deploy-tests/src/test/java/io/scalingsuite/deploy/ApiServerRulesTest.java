package io.scalingsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered object holds every {@link ApiServerRules} rule, and each rule rejects an object broken for it. */
class ApiServerRulesTest {

    static List<String> valueSets() {
        return OfficialModels.VALUE_SETS;
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void shouldHoldEveryRuleOnEveryRenderedObject(String set) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : OfficialModels.raw(set)) {
            if (!OfficialModels.isCustom(object)) {
                violations.addAll(ApiServerRules.violations(OfficialModels.parse(object)));
            }
        }
        assertEquals(List.of(), violations, set);
    }

    /** Each rule's breakage: a rendered object of the defaults changed so that it still parses but breaks the rule. */
    static Stream<Arguments> breakages() {
        return Stream.of(
                breaks("object-names-and-labels", "Deployment",
                        d -> Raw.map(d, "metadata").put("name", "Scaling_Suite")),
                breaks("selector-matches-template", "Deployment",
                        d -> Raw.map(d, "spec.selector.matchLabels").put("app.kubernetes.io/component", "other")),
                breaks("hpa-replica-bounds", "HorizontalPodAutoscaler", h -> {
                    Raw.map(h, "spec").put("minReplicas", 5);
                    Raw.map(h, "spec").put("maxReplicas", 3);
                }),
                breaks("hpa-metric-targets", "HorizontalPodAutoscaler",
                        h -> Raw.map(h, "spec.metrics.0.resource").put("target",
                                Map.of("type", "Value", "value", "1"))),
                breaks("hpa-behavior-policies", "HorizontalPodAutoscaler",
                        h -> Raw.map(h, "spec.behavior.scaleUp").put("selectPolicy", "Maximum")),
                breaks("pdb-one-of-min-max", "PodDisruptionBudget", p -> Raw.map(p, "spec").put("maxUnavailable", 1)),
                breaks("network-policy-enums", "NetworkPolicy",
                        n -> Raw.map(n, "spec").put("policyTypes", List.of("Ingress", "Inbound"))),
                breaks("port-names", "Deployment",
                        d -> Raw.map(d, "spec.template.spec.containers.0.ports.0").put("name", "HTTP")),
                breaks("probe-ports-exist", "Deployment",
                        d -> Raw.map(d, "spec.template.spec.containers.0.livenessProbe.httpGet").put("port", "admin")),
                breaks("requests-within-limits", "Deployment",
                        d -> Raw.map(d, "spec.template.spec.containers.0.resources.requests").put("memory", "64Gi")));
    }

    private static Arguments breaks(String rule, String kind, Consumer<Map<String, Object>> breakage) {
        return Arguments.of(rule, kind, breakage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void shouldRejectAnObjectBrokenForTheRuleUnderThatRulesName(String rule, String kind,
            Consumer<Map<String, Object>> breakage) {
        Map<String, Object> object = OfficialModels.raw("defaults").stream().filter(o -> kind.equals(o.get("kind")))
                .findFirst().orElseThrow();
        breakage.accept(object);
        List<String> violations = ApiServerRules.violations(OfficialModels.parse(object));
        assertFalse(violations.isEmpty(), rule + " let the broken " + kind + " through");
        assertTrue(violations.stream().allMatch(v -> v.startsWith(rule + ": " + kind + " ")),
                "only " + rule + " objects: " + violations);
    }

    @Test
    void shouldBreakEveryRuleOnce() {
        assertEquals(ApiServerRules.RULES.stream().map(ApiServerRules.Rule::name).toList(),
                breakages().map(a -> (String) a.get()[0]).toList());
    }
}
