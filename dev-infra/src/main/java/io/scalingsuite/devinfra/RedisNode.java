package io.scalingsuite.devinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import redis.embedded.core.ExecutableProvider;

/**
 * One real {@code redis-server} process that a test owns and may hurt: kill it with SIGKILL, freeze it with SIGSTOP,
 * start it again on the same port and directory (so what it persisted, if anything, comes back). The machine's
 * {@code redis-server} when it has one (Debian's, 7.0), otherwise the binary shipped in embedded-redis (6.2). The
 * building block of the topologies that tests run the suite on: a password, Sentinel, Cluster, no persistence.
 */
public final class RedisNode implements AutoCloseable {

    private final File binary;
    private final Path dir;
    private final int port;
    private final List<String> settings;
    private final boolean sentinel;
    private Process process;

    private RedisNode(File binary, Path dir, int port, List<String> settings, boolean sentinel) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.settings = settings;
        this.sentinel = sentinel;
    }

    /**
     * Starts a server on a free port in a new temporary directory, with settings as config-file lines (e.g.
     * {@code "appendonly no"}, {@code "requirepass s3cret"}); without any it persists nothing.
     */
    public static RedisNode start(String... settings) {
        return start(false, settings);
    }

    /** A Sentinel ({@code redis-server --sentinel}) with settings such as {@code "sentinel monitor ..."}. */
    public static RedisNode startSentinel(String... settings) {
        return start(true, settings);
    }

    private static RedisNode start(boolean sentinel, String... settings) {
        try {
            var node = new RedisNode(binary(), Files.createTempDirectory(sentinel ? "redis-sentinel" : "redis-node"),
                    Embedded.freePort(), List.of(settings), sentinel);
            node.launch();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server", e);
        }
    }

    /** The server binary every node and sentinel uses. */
    public static File binary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        return ExecutableProvider.newJarResourceProvider().get();
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://" + LocalInfra.HOST + ":" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Starts the process again after {@link #kill()}, on the same port and directory. */
    public void launch() throws IOException {
        Path config = dir.resolve("redis.conf");
        List<String> lines = new ArrayList<>(List.of("port " + port, "bind " + LocalInfra.HOST, "dir " + dir,
                "protected-mode no"));
        if (!sentinel) {
            lines.addAll(List.of("save \"\"", "appendonly no"));
        }
        lines.addAll(settings); // later lines win in a Redis config file
        Files.write(config, lines);
        List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath(), config.toString()));
        if (sentinel) {
            command.add("--sentinel"); // it rewrites its config file with what it learns
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(
                        "redis-server on port " + port + " did not start; see " + dir.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    /** Whether the server answers at all (an authentication error is an answer). */
    public boolean answers() {
        try {
            String reply = Resp.command(LocalInfra.HOST, port, 500, "PING");
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: what it held only in memory is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: connections stay open and every command hangs until {@link #resume()}. */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary directory: left for the OS to clean
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
