package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One bounded wrk run against the Service stand-in: closed-loop (as many requests as {@code connections} allow, for
 * the capacity measurement) or paced at a fixed rate by bench/lua/surge.lua (each thread sends on a schedule of
 * rate/threads per second; a request late on its schedule goes at once, up to 1 s of backlog, so the rate holds while
 * latency stays under connections/rate).
 */
final class Wrk {

    private static final int THREADS = 2;

    private final Path root;
    private final String url;
    private final Path ids;
    private final String apiKey;
    private final int connections;

    Wrk(Path root, String url, Path ids, String apiKey, int connections) {
        this.root = root;
        this.url = url;
        this.ids = ids;
        this.apiKey = apiKey;
        this.connections = connections;
    }

    /**
     * Runs for {@code seconds} (0 req/s: closed loop) or until {@code stop} says so, checked every second; returns
     * wrk's JSON summary line (bench/lua/report.lua), or "" when stopped early.
     */
    String run(int seconds, double rate, BooleanSupplier stop) {
        return run(seconds, rate, connections, false, stop);
    }

    /** As {@link #run(int, double, BooleanSupplier)}, on {@code conns} connections, ids in turn when sequential. */
    String run(int seconds, double rate, int conns, boolean sequential, BooleanSupplier stop) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + conns, "-d" + seconds + "s",
                "--timeout", "5s", "-s", "bench/lua/surge.lua", url, "--", ids.toString(), "/api/catalog/products/",
                apiKey, String.format(java.util.Locale.ROOT, "%.1f", rate / THREADS), sequential ? "sequential" : ""));
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (stop.getAsBoolean() || System.nanoTime() > deadline) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return "";
                }
            }
            String out = new String(process.getInputStream().readAllBytes());
            return out.lines().filter(line -> line.startsWith("JSON ")).map(line -> line.substring(5)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk: " + out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
