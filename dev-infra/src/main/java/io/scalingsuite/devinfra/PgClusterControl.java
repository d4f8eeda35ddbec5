package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** pg_ctl and configuration chores shared by the clusters {@link StreamingReplicaPair} owns. */
final class PgClusterControl {

    private PgClusterControl() {
    }

    /** Appends settings to postgresql.auto.conf (read last, so they win), with the port and a private socket. */
    static void appendConfig(Path dataDir, int port, String... settings) {
        var text = new StringBuilder("\n# scaling-suite test cluster\n")
                .append("listen_addresses = '").append(LocalInfra.HOST).append("'\n")
                .append("port = ").append(port).append('\n')
                .append("unix_socket_directories = '").append(dataDir).append("'\n");
        for (String setting : settings) {
            text.append(setting).append('\n');
        }
        try {
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void start(PgBinaries binaries, Path root, Path dataDir) {
        Path log = root.resolve(dataDir.getFileName() + ".log");
        binaries.run(root, "pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
    }

    static void stop(PgBinaries binaries, Path root, Path dataDir, String mode) {
        binaries.run(root, "pg_ctl", "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    /** Polls until a login to the database succeeds (a replica answers only once it is consistent). */
    static void awaitLogin(String url, String user, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = PgAdmin.connect(url, user, 5)) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no login to " + url + " within " + timeout, last);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
