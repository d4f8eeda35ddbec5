package io.scalingsuite.deploy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * A running pod seen from inside its container, against its rendered Deployment: the user, group and supplementary
 * groups, effective capabilities, no_new_privs, the memory limit, CFS quota and CPU shares of its cgroups, a
 * read-only root filesystem and a writable /tmp.
 */
final class PodInspection {

    private static final String SCRIPT = "id -u; id -g; id -G; grep -E '^(CapEff|NoNewPrivs)' /proc/1/status;"
            + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
            + " /sys/fs/cgroup/cpu/cpu.cfs_period_us /sys/fs/cgroup/cpu/cpu.shares;"
            + " touch /deployments/e2e-write-check 2>/dev/null && echo root-writable || echo root-read-only;"
            + " touch /tmp/e2e-write-check && rm /tmp/e2e-write-check && echo tmp-writable";

    private final PodSpec spec;
    private final Container container;
    private final Pod pod;

    PodInspection(Deployment deployment, Pod pod) {
        this.spec = deployment.getSpec().getTemplate().getSpec();
        this.container = spec.getContainers().get(0);
        this.pod = pod;
    }

    void assertAsRendered() {
        List<String> lines = Podman.run("exec", pod.name, "sh", "-c", SCRIPT).lines().map(String::strip).toList();
        String at = pod.name + " " + lines + ": ";
        assertEquals(11, lines.size(), at + "unexpected output");
        assertEquals(spec.getSecurityContext().getRunAsUser().toString(), lines.get(0), at + "uid");
        assertEquals(spec.getSecurityContext().getRunAsGroup().toString(), lines.get(1), at + "gid");
        assertTrue(List.of(lines.get(2).split(" ")).contains(spec.getSecurityContext().getFsGroup().toString()),
                at + "fsGroup among the groups");
        assertEquals("CapEff:0000000000000000", lines.get(3).replaceAll("\\s", ""),
                at + "capabilities");
        assertEquals("NoNewPrivs:1", lines.get(4).replaceAll("\\s", ""), at + "no_new_privs");
        var limits = container.getResources().getLimits();
        assertEquals(Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString(), lines.get(5),
                at + "memory limit");
        long period = Long.parseLong(lines.get(7));
        assertEquals(Quantity.getAmountInBytes(limits.get("cpu")).multiply(BigDecimal.valueOf(period))
                .longValue(), Long.parseLong(lines.get(6)), at + "CPU quota");
        assertEquals(Quantity.getAmountInBytes(container.getResources().getRequests().get("cpu"))
                .multiply(BigDecimal.valueOf(1024)).longValue(), Long.parseLong(lines.get(8)), at + "CPU shares");
        assertEquals("root-read-only", lines.get(9), at + "root filesystem");
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), "the chart renders a read-only root");
        assertEquals("tmp-writable", lines.get(10), at + "/tmp emptyDir");
    }
}
