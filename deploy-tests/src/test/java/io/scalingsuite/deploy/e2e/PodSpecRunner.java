package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * A Deployment's pod template as {@code podman create} arguments, field by field as the kubelet and the container
 * runtime apply them: the image; command and args; the env, resolved ({@link Rendered#env}); resources (limits.memory
 * as --memory with no swap, limits.cpu as --cpus, i.e. a CFS quota, requests.cpu as --cpu-shares, 1024 per core, as
 * the kubelet sets cpu.shares); the security contexts (runAsUser/runAsGroup as --user, fsGroup as a supplementary
 * group, runAsNonRoot checked, readOnlyRootFilesystem as --read-only with nothing else writable,
 * allowPrivilegeEscalation=false as no-new-privileges, capabilities as --cap-drop/--cap-add; seccomp RuntimeDefault is
 * podman's default profile); emptyDir volumes as a fresh host directory (mode 0777, as the kubelet makes it) mounted
 * where the container mounts it, kept across container restarts as an emptyDir is.
 *
 * <p>
 * One deviation, because there is no pod network here: containers share the host's network (podman --network host),
 * so each pod gets its own pair of ports for the container's {@code http} and {@code management} ports, passed as
 * QUARKUS_HTTP_PORT and QUARKUS_MANAGEMENT_PORT after the chart's env; Service names resolve (--add-host) to the
 * harness's {@link ServiceProxy} stand-ins on 127.0.0.1.
 */
final class PodSpecRunner {

    private final Rendered rendered;
    private final Map<String, String> hosts;
    private final Map<String, Map<String, String>> envOverrides;
    private final Path podsDir;

    PodSpecRunner(Rendered rendered, Map<String, String> hosts, Map<String, Map<String, String>> envOverrides,
            Path podsDir) {
        this.rendered = rendered;
        this.hosts = hosts;
        this.envOverrides = envOverrides;
        this.podsDir = podsDir;
    }

    /** Creates (does not start) the pod's one container, named as the pod. */
    void create(String component, String podName, PodPorts ports) {
        PodSpec pod = rendered.deployment(component).getSpec().getTemplate().getSpec();
        if (pod.getContainers().size() != 1) {
            throw new AssertionError("expected one container in " + component + "'s pod, found "
                    + pod.getContainers().size());
        }
        Container container = pod.getContainers().get(0);
        List<String> args = new ArrayList<>(List.of("create", "--name", podName, "--label", Podman.LABEL + "=1",
                "--label", Podman.LABEL + ".component=" + component, "--network", "host"));
        hosts.forEach((name, address) -> args.addAll(List.of("--add-host", name + ":" + address)));
        resources(container, args);
        security(pod.getSecurityContext(), container.getSecurityContext(), args);
        volumes(pod, container, podName, args);
        Map<String, String> env = new LinkedHashMap<>(rendered.env(container.getEnv()));
        env.putAll(envOverrides.getOrDefault(component, Map.of()));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports.management()));
        env.forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            args.addAll(List.of("--entrypoint", toJson(container.getCommand())));
        }
        args.add(container.getImage());
        if (container.getArgs() != null) {
            args.addAll(container.getArgs());
        }
        Podman.run(args.toArray(String[]::new));
    }

    private static void resources(Container container, List<String> args) {
        var resources = container.getResources();
        Quantity memory = resources.getLimits().get("memory");
        Quantity cpu = resources.getLimits().get("cpu");
        if (memory == null || cpu == null) {
            throw new AssertionError(container.getName() + " has no memory or CPU limit");
        }
        String bytes = Quantity.getAmountInBytes(memory).toBigInteger().toString();
        args.addAll(List.of("--memory", bytes, "--memory-swap", bytes, "--cpus",
                Quantity.getAmountInBytes(cpu).toPlainString()));
        Quantity request = resources.getRequests() == null ? null : resources.getRequests().get("cpu");
        if (request != null) {
            BigDecimal shares = Quantity.getAmountInBytes(request).multiply(BigDecimal.valueOf(1024));
            args.addAll(List.of("--cpu-shares", Integer.toString(Math.max(2, shares.intValue()))));
        }
    }

    private static void security(PodSecurityContext pod, SecurityContext container, List<String> args) {
        Long uid = container.getRunAsUser() != null ? container.getRunAsUser() : pod.getRunAsUser();
        Long gid = container.getRunAsGroup() != null ? container.getRunAsGroup() : pod.getRunAsGroup();
        boolean nonRoot =
                Boolean.TRUE.equals(container.getRunAsNonRoot()) || Boolean.TRUE.equals(pod.getRunAsNonRoot());
        if (nonRoot && (uid == null || uid == 0)) {
            throw new AssertionError("runAsNonRoot without a non-zero runAsUser: the kubelet would refuse the pod");
        }
        if (uid != null) {
            args.addAll(List.of("--user", uid + (gid == null ? "" : ":" + gid)));
        }
        if (pod.getFsGroup() != null) {
            args.addAll(List.of("--group-add", pod.getFsGroup().toString()));
        }
        if (Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            args.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            args.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (container.getCapabilities() != null) {
            for (String cap : listOrEmpty(container.getCapabilities().getDrop())) {
                args.addAll(List.of("--cap-drop", cap));
            }
            for (String cap : listOrEmpty(container.getCapabilities().getAdd())) {
                args.addAll(List.of("--cap-add", cap));
            }
        }
    }

    private void volumes(PodSpec pod, Container container, String podName, List<String> args) {
        for (VolumeMount mount : listOrEmpty(container.getVolumeMounts())) {
            var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
            if (volume.getEmptyDir() == null) {
                throw new AssertionError("volume " + mount.getName() + " is not an emptyDir: not supported here");
            }
            try {
                Path dir = Files.createDirectories(podsDir.resolve(podName).resolve(mount.getName()));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                args.addAll(List.of("--volume", dir + ":" + mount.getMountPath()
                        + (Boolean.TRUE.equals(mount.getReadOnly()) ? ":ro" : ":rw")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String toJson(List<String> words) {
        StringBuilder json = new StringBuilder("[");
        for (String word : words) {
            json.append(json.length() > 1 ? "," : "").append('"').append(word.replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append('"');
        }
        return json.append(']').toString();
    }

    /** The host ports standing in for one pod's container ports. */
    record PodPorts(int http, int management) {
    }
}
