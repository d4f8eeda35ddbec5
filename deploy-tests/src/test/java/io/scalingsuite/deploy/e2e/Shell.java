package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Programs the harness runs (podman, pg_ctl, redis-cli, dmesg), each to completion within a time bound. */
final class Shell {

    private Shell() {
    }

    /** Runs the command; fails with its output when it exits non-zero or outlives 120 s. */
    static String run(String... command) {
        Result result = exec(120, command);
        if (result.exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exit + "): "
                    + result.output);
        }
        return result.output.strip();
    }

    /** Runs the command, whatever its exit code (-1: killed after the timeout). */
    static Result exec(long timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = new byte[0];
                }
            }, "shell-output");
            reader.start();
            boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            reader.join(5_000);
            String text = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
            return new Result(exited ? process.exitValue() : -1, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    record Result(int exit, String output) {
    }
}
