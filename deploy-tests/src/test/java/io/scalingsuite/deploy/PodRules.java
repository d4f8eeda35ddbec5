package io.scalingsuite.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;

/** The {@link ApiServerRules} on pods (a Deployment's template or a Pod) and Services: ports, probes, resources. */
final class PodRules {

    /** IsValidPortName (IANA_SVC_NAME): at most 15 lowercase letters, digits and single inner hyphens, one letter. */
    private static final Pattern PORT_NAME = Pattern.compile("(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");

    private PodRules() {
    }

    static V1PodSpec podSpec(Object object) {
        if (object instanceof V1Deployment deployment) {
            return deployment.getSpec().getTemplate().getSpec();
        }
        return object instanceof V1Pod pod ? pod.getSpec() : null;
    }

    private static List<V1Container> containers(V1PodSpec spec) {
        List<V1Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        return all;
    }

    private static List<V1ContainerPort> ports(V1Container container) {
        return container.getPorts() == null ? List.of() : container.getPorts();
    }

    /**
     * validateContainerPorts and ValidateService's ports: container port names are IANA service names unique in the
     * pod; a Service's ports are named (DNS-1123 labels, unique) once there are two; numbers 1-65535; known protocols.
     */
    static void portNames(Object object, Consumer<String> violation) {
        V1PodSpec spec = podSpec(object);
        if (spec != null) {
            Set<String> names = new HashSet<>();
            for (V1Container container : containers(spec)) {
                for (V1ContainerPort port : ports(container)) {
                    String where = container.getName() + " port " + port.getContainerPort();
                    if (port.getName() != null && !PORT_NAME.matcher(port.getName()).matches()) {
                        violation.accept(where + " name " + port.getName() + " is not an IANA service name");
                    }
                    if (port.getName() != null && !names.add(port.getName())) {
                        violation.accept(where + " name " + port.getName() + " is used twice in the pod");
                    }
                    number(port.getContainerPort(), where, violation);
                    protocol(port.getProtocol(), where, violation);
                }
            }
        }
        if (object instanceof V1Service service) {
            List<V1ServicePort> ports = service.getSpec().getPorts();
            Set<String> names = new HashSet<>();
            for (V1ServicePort port : ports) {
                String where = "port " + port.getPort();
                if (port.getName() == null ? ports.size() > 1
                        : !ApiServerRules.DNS1123_LABEL.matcher(port.getName()).matches()
                                || !names.add(port.getName())) {
                    violation.accept(where + " name " + port.getName() + " is missing, invalid or used twice");
                }
                number(port.getPort(), where, violation);
                protocol(port.getProtocol(), where, violation);
                if (port.getTargetPort() != null) {
                    portNumberOrName(port.getTargetPort(), where + " targetPort", violation);
                }
            }
        }
    }

    static void portNumberOrName(IntOrString port, String where, Consumer<String> violation) {
        if (port.isInteger()) {
            number(port.getIntValue(), where, violation);
        } else if (!PORT_NAME.matcher(port.getStrValue()).matches()) {
            violation.accept(where + " " + port.getStrValue() + " is not an IANA service name");
        }
    }

    private static void number(Integer port, String where, Consumer<String> violation) {
        if (port == null || port < 1 || port > 65535) {
            violation.accept(where + ": " + port + " is not between 1 and 65535");
        }
    }

    private static void protocol(String protocol, String where, Consumer<String> violation) {
        if (protocol != null && !ApiServerRules.PROTOCOLS.contains(protocol)) {
            violation.accept(where + " protocol " + protocol + " is not TCP, UDP or SCTP");
        }
    }

    /**
     * validateProbe and the kubelet's port lookup: one handler per probe, its port a number or a port the container
     * names; liveness and startup probes need successThreshold 1.
     */
    static void probePorts(Object object, Consumer<String> violation) {
        V1PodSpec spec = podSpec(object);
        if (spec == null) {
            return;
        }
        for (V1Container container : containers(spec)) {
            Map<String, V1Probe> probes = new java.util.LinkedHashMap<>();
            probes.put("livenessProbe", container.getLivenessProbe());
            probes.put("readinessProbe", container.getReadinessProbe());
            probes.put("startupProbe", container.getStartupProbe());
            probes.forEach((kind, probe) -> {
                if (probe != null) {
                    probe(container, kind, probe, violation);
                }
            });
        }
    }

    private static void probe(V1Container container, String kind, V1Probe probe, Consumer<String> violation) {
        String where = container.getName() + " " + kind;
        long handlers = java.util.stream.Stream.of(probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc(),
                probe.getExec()).filter(java.util.Objects::nonNull).count();
        if (handlers != 1) {
            violation.accept(where + " has " + handlers + " handlers, not one");
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null && !port.isInteger()
                && ports(container).stream().noneMatch(p -> port.getStrValue().equals(p.getName()))) {
            violation.accept(where + " port " + port.getStrValue() + " is no port of the container");
        } else if (port != null) {
            portNumberOrName(port, where + " port", violation);
        }
        if (!kind.equals("readinessProbe") && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            violation.accept(where + " successThreshold must be 1");
        }
    }

    /** ValidateResourceRequirements: a request at most its limit, each quantity at least zero. */
    static void requestsWithinLimits(Object object, Consumer<String> violation) {
        V1PodSpec spec = podSpec(object);
        if (spec == null) {
            return;
        }
        for (V1Container container : containers(spec)) {
            if (container.getResources() == null) {
                continue;
            }
            Map<String, Quantity> requests = orEmpty(container.getResources().getRequests());
            Map<String, Quantity> limits = orEmpty(container.getResources().getLimits());
            requests.forEach((resource, request) -> {
                Quantity limit = limits.get(resource);
                if (limit != null && request.getNumber().compareTo(limit.getNumber()) > 0) {
                    violation.accept(container.getName() + " " + resource + " request " + request.toSuffixedString()
                            + " is above its limit " + limit.toSuffixedString());
                }
            });
            java.util.stream.Stream.concat(requests.values().stream(), limits.values().stream())
                    .filter(q -> q.getNumber().signum() < 0)
                    .forEach(q -> violation.accept(container.getName() + " quantity " + q + " is negative"));
        }
    }

    private static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
        return map == null ? Map.of() : map;
    }
}
