package io.scalingsuite.deploy.e2e;

import java.util.ArrayList;
import java.util.List;

/** The podman CLI. */
final class Podman {

    /** Every container of the harness carries this label, so a run can remove what an earlier, killed run left. */
    static final String LABEL = "io.scalingsuite.e2e";

    private Podman() {
    }

    /** {@code podman args...}; fails with its output when it exits non-zero. */
    static String run(String... args) {
        return Shell.run(command(args));
    }

    /** {@code podman args...}, whatever its exit code. */
    static Shell.Result quietly(long timeoutSeconds, String... args) {
        return Shell.exec(timeoutSeconds, command(args));
    }

    /** Removes every container a run of the harness made (this run's on close, an earlier killed run's at start). */
    static void removeAll() {
        String ids = quietly(60, "ps", "-aq", "--filter", "label=" + LABEL).output().strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
            rm.addAll(List.of(ids.split("\\s+")));
            quietly(120, rm.toArray(String[]::new));
        }
    }

    private static String[] command(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }
}
