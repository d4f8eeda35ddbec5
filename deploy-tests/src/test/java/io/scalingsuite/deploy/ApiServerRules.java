package io.scalingsuite.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * The API server's validation of the kinds the chart renders, the part the OpenAPI schema does not carry (Kubernetes
 * pkg/apis/{core,apps,autoscaling,policy,networking}/validation), written once over the official client's models.
 * Each rule is named; a violation reads {@code rule: kind name: what}.
 */
final class ApiServerRules {

    record Rule(String name, BiConsumer<Object, Consumer<String>> check) {
    }

    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    static final List<Rule> RULES = List.of(new Rule("object-names-and-labels", ApiServerRules::namesAndLabels),
            new Rule("selector-matches-template", ApiServerRules::selectorMatchesTemplate),
            new Rule("hpa-replica-bounds", AutoscalingRules::replicaBounds),
            new Rule("hpa-metric-targets", AutoscalingRules::metricTargets),
            new Rule("hpa-behavior-policies", AutoscalingRules::behaviorPolicies),
            new Rule("pdb-one-of-min-max", AutoscalingRules::pdbOneOfMinMax),
            new Rule("network-policy-enums", ApiServerRules::networkPolicyEnums),
            new Rule("port-names", PodRules::portNames), new Rule("probe-ports-exist", PodRules::probePorts),
            new Rule("requests-within-limits", PodRules::requestsWithinLimits));

    private ApiServerRules() {
    }

    /** Every rule's violations for one object (an official model). */
    static List<String> violations(Object object) {
        List<String> found = new ArrayList<>();
        for (Rule rule : RULES) {
            rule.check().accept(object, message -> found.add(rule.name() + ": " + describe(object) + ": " + message));
        }
        return found;
    }

    static String describe(Object object) {
        return object instanceof KubernetesObject k ? k.getKind() + " " + k.getMetadata().getName()
                : object.getClass().getSimpleName();
    }

    /** ValidateObjectMeta: a DNS-1123 subdomain name (a DNS-1035 label for a Service), qualified label keys and values. */
    static void namesAndLabels(Object object, Consumer<String> violation) {
        V1ObjectMeta metadata = ((KubernetesObject) object).getMetadata();
        String name = metadata.getName();
        boolean service = "Service".equals(((KubernetesObject) object).getKind());
        if (name == null || name.length() > 253
                || !(service ? DNS1035_LABEL : DNS1123_SUBDOMAIN).matcher(name).matches()) {
            violation.accept("name " + name + " is not a " + (service ? "DNS-1035 label" : "DNS-1123 subdomain"));
        }
        labels(metadata.getLabels(), "label", violation);
        if (object instanceof V1Deployment deployment) {
            labels(deployment.getSpec().getTemplate().getMetadata().getLabels(), "template label", violation);
        }
    }

    static void labels(Map<String, String> labels, String what, Consumer<String> violation) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            int slash = key.lastIndexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            boolean keyValid = LABEL_NAME.matcher(key.substring(slash + 1)).matches()
                    && (prefix == null || prefix.length() <= 253 && DNS1123_SUBDOMAIN.matcher(prefix).matches());
            if (!keyValid) {
                violation.accept(what + " key " + key + " is not a qualified name");
            }
            if (value == null || !value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
                violation.accept(what + " " + key + "=" + value + " is no valid label value");
            }
        });
    }

    /** ValidateDeploymentSpec: a non-empty selector that selects the pod template's labels. */
    static void selectorMatchesTemplate(Object object, Consumer<String> violation) {
        if (!(object instanceof V1Deployment deployment)) {
            return;
        }
        V1LabelSelector selector = deployment.getSpec().getSelector();
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        if (empty) {
            violation.accept("empty selector is invalid for deployment");
        } else if (!matches(selector, labels == null ? Map.of() : labels)) {
            violation.accept("selector " + selector.getMatchLabels() + " does not match template labels " + labels);
        }
    }

    static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        List<V1LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return expressions.stream().allMatch(e -> switch (e.getOperator()) {
            case "In" -> e.getValues().contains(labels.get(e.getKey()));
            case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
            case "Exists" -> labels.containsKey(e.getKey());
            case "DoesNotExist" -> !labels.containsKey(e.getKey());
            default -> false;
        });
    }

    /** ValidateNetworkPolicySpec: policy types Ingress or Egress, port protocols TCP, UDP or SCTP, ports in range. */
    static void networkPolicyEnums(Object object, Consumer<String> violation) {
        if (!(object instanceof V1NetworkPolicy policy)) {
            return;
        }
        List<String> types = policy.getSpec().getPolicyTypes() == null ? List.of() : policy.getSpec().getPolicyTypes();
        types.stream().filter(t -> !Set.of("Ingress", "Egress").contains(t))
                .forEach(t -> violation.accept("policyType " + t + " is not Ingress or Egress"));
        if (types.size() != Set.copyOf(types).size()) {
            violation.accept("policyTypes repeat: " + types);
        }
        List<V1NetworkPolicyPort> ports = new ArrayList<>();
        if (policy.getSpec().getIngress() != null) {
            policy.getSpec().getIngress().stream().filter(r -> r.getPorts() != null)
                    .forEach(r -> ports.addAll(r.getPorts()));
        }
        if (policy.getSpec().getEgress() != null) {
            policy.getSpec().getEgress().stream().filter(r -> r.getPorts() != null)
                    .forEach(r -> ports.addAll(r.getPorts()));
        }
        for (V1NetworkPolicyPort port : ports) {
            if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
                violation.accept("protocol " + port.getProtocol() + " is not TCP, UDP or SCTP");
            }
            if (port.getPort() != null) {
                PodRules.portNumberOrName(port.getPort(), "port", violation);
            }
            if (port.getEndPort() != null && (port.getPort() == null || !port.getPort().isInteger()
                    || port.getEndPort() < port.getPort().getIntValue())) {
                violation.accept("endPort " + port.getEndPort() + " needs a numeric port at or below it");
            }
        }
    }
}
