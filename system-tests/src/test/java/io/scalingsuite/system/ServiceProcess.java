package io.scalingsuite.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.scalingsuite.devinfra.Embedded;

/** One service as the platform runs it: its packaged jar in a JVM of its own, configured by environment. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The signing keys every process of a test run shares (the chart's Secret, `make run`'s generated file). */
    static final String INTERNAL_AUTH_KEYS = "sys:" + UUID.randomUUID().toString().replace("-", "");

    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final int port = Embedded.freePort();
    private final int managementPort = Embedded.freePort();
    private final Path log;
    private final String module;
    private Process process;

    ServiceProcess(String name, String module, Map<String, String> env) throws IOException {
        this.name = name;
        this.module = module;
        this.jar = Path.of(System.getProperty("suite.root", ".."), module, "target/quarkus-app/quarkus-run.jar")
                .toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: system tests run in `mvn verify`, after packaging");
        }
        this.env = new HashMap<>(env);
        Path logs = Files.createDirectories(Path.of("target", "system-logs"));
        this.log = Files.createTempFile(logs, name + "-", ".log");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    Path logFile() {
        return log;
    }

    /** The JVM's process id, for signals such as SIGSTOP/SIGCONT. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM and waits until its readiness check answers UP. */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m"));
        Path classes = jar.resolveSibling("app-cds.jsa");
        if (Files.exists(classes)) {
            // the package's AppCDS archive, as the images start: services restarted under load are ready sooner
            command.addAll(List.of("-XX:SharedArchiveFile=" + classes, "-Xshare:auto"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SUITE_INTERNAL_AUTH_KEYS", INTERNAL_AUTH_KEYS);
        if (!module.equals("gateway")) {
            // catalog's and aggregation's drain delay (5 s in prod) is for pods behind a Service, which `make e2e`
            // checks; these tests stop services dozens of times and nothing routes around them (the gateway's delay,
            // which GatewayShutdownIT checks, stays on)
            builder.environment().put("QUARKUS_SHUTDOWN_DELAY", "PT0S");
        }
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        long logFrom = Files.size(log); // a restart appends to the log of the first start
        process = builder.start();
        // 180 s: on a loaded 2-core machine one service has taken 113 s to start
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup; see " + log);
            }
            if (ready() && listening(logFrom)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within 180 s; see " + log);
    }

    /** SIGTERM, as Kubernetes sends it: the service drains and exits on its own. */
    void terminate() {
        process.destroy();
    }

    boolean exited(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    int readinessStatus() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, as when a node dies. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Whether this start's own log says it listens on both its ports. Readiness alone can lie: the management
     * interface answers UP before the main port is bound (a start that then fails on it looked ready), and a
     * foreign process holding the management port answers for this one.
     */
    private boolean listening(long logFrom) throws IOException {
        String started;
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logFrom);
            started = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        return Pattern.compile("Listening on: https?://\\S+:" + port + "\\b").matcher(started).find() && Pattern
                .compile("Management interface listening on https?://\\S+:" + managementPort + "\\b").matcher(started)
                .find();
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    @Override
    public void close() throws InterruptedException {
        closeAll(List.of(this));
    }

    /**
     * SIGTERMs every process (nulls and unstarted ones skipped) and then waits for each, SIGKILLing one still there
     * after 10 s: they drain at the same time (a gateway for its 5-s shutdown delay, the others about a second), so
     * a test's teardown costs one drain, not one per process.
     */
    static void closeAll(Collection<ServiceProcess> services) throws InterruptedException {
        List<Process> running = services.stream().filter(Objects::nonNull).map(service -> service.process)
                .filter(Objects::nonNull).toList();
        running.forEach(Process::destroy);
        for (Process each : running) {
            if (!each.waitFor(10, TimeUnit.SECONDS)) {
                each.destroyForcibly().waitFor();
            }
        }
    }
}
