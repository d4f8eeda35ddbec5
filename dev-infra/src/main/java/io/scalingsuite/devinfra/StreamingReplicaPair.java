package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A test-owned PostgreSQL primary and one streaming replica of it, each on a free port under a temporary directory.
 * The replica is a real hot standby made by {@code pg_basebackup} (or, with the embedded binaries, which lack it, by
 * the same low-level backup API pg_basebackup uses), so tests see true replay lag, paused replay and a dead replica.
 */
public final class StreamingReplicaPair implements AutoCloseable {

    private static final String USER = LocalInfra.PG_USER;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PgBinaries binaries;
    private final Path root;
    private final Path primaryDir;
    private final Path replicaDir;
    private final int primaryPort = Embedded.freePort();
    private final int replicaPort = Embedded.freePort();
    private final Thread stopOnExit = new Thread(this::stopAndDelete, "replica-pair-stop");
    private boolean closed;

    private StreamingReplicaPair(PgBinaries binaries, Path root) {
        this.binaries = binaries;
        this.root = root;
        this.primaryDir = root.resolve("primary");
        this.replicaDir = root.resolve("replica");
    }

    /** Initialises and starts the primary, clones it into a replica and starts that; both answer when this returns. */
    public static StreamingReplicaPair start() {
        try {
            Path root = Files.createTempDirectory("scaling-suite-pg-pair-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            var pair = new StreamingReplicaPair(PgBinaries.locate(), root);
            Runtime.getRuntime().addShutdownHook(pair.stopOnExit);
            pair.startPrimary();
            pair.cloneReplica();
            pair.startReplica();
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String primaryJdbcUrl(String database) {
        return PgAdmin.url(LocalInfra.HOST, primaryPort, database);
    }

    public String replicaJdbcUrl(String database) {
        return PgAdmin.url(LocalInfra.HOST, replicaPort, database);
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** Creates the database on the primary and waits until the replica has replayed it. */
    public void createDatabase(String database) {
        sql(primaryJdbcUrl("postgres"), "CREATE DATABASE " + PgAdmin.checkName(database));
        PgClusterControl.awaitLogin(replicaJdbcUrl(database), USER, WAIT);
    }

    /** Stops WAL replay on the replica: it keeps answering reads, frozen at its current state. */
    public void pauseReplay() {
        sql(replicaJdbcUrl("postgres"), "SELECT pg_wal_replay_pause()");
    }

    /**
     * Makes the replica apply each transaction no sooner than {@code delay} after the primary committed it
     * ({@code recovery_min_apply_delay}, reloaded without a restart): a steady, real replication lag. Returns once
     * a new session sees the setting.
     */
    public void delayReplay(Duration delay) {
        String value = delay.toMillis() + "ms";
        sql(replicaJdbcUrl("postgres"), "ALTER SYSTEM SET recovery_min_apply_delay = '" + value + "'");
        sql(replicaJdbcUrl("postgres"), "SELECT pg_reload_conf()");
        Poll.until("recovery_min_apply_delay = " + value + " on the replica", (int) WAIT.toSeconds(), () -> {
            try (Connection c = PgAdmin.connect(replicaJdbcUrl("postgres"), USER, 10);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT setting::bigint FROM pg_settings"
                            + " WHERE name = 'recovery_min_apply_delay'")) {
                return rs.next() && rs.getLong(1) == delay.toMillis();
            } catch (SQLException e) {
                return false;
            }
        });
    }

    public void resumeReplay() {
        sql(replicaJdbcUrl("postgres"), "SELECT pg_wal_replay_resume()");
    }

    /** Kills the replica the way a crash would (immediate shutdown). */
    public void stopReplica() {
        PgClusterControl.stop(binaries, root, replicaDir, "immediate");
    }

    public void startReplica() {
        PgClusterControl.start(binaries, root, replicaDir);
        PgClusterControl.awaitLogin(replicaJdbcUrl("postgres"), USER, WAIT);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // Closed from another shutdown hook: ours may be running too; stopAndDelete runs once either way.
        }
        stopAndDelete();
    }

    /** Once only: both servers stopped before their directory goes (a stop writes its output there). */
    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
        PgClusterControl.deleteTree(root);
    }

    private void startPrimary() {
        binaries.chown(root);
        binaries.run(root, "initdb", "-D", primaryDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--no-sync");
        // initdb's pg_hba.conf already trusts replication connections from 127.0.0.1.
        PgClusterControl.appendConfig(primaryDir, primaryPort,
                "wal_level = replica",
                "max_wal_senders = 4",
                // Enough retained WAL that a replica stopped for a test can catch up without an archive.
                "wal_keep_size = '256MB'",
                "fsync = off",
                "synchronous_commit = off");
        PgClusterControl.start(binaries, root, primaryDir);
        PgClusterControl.awaitLogin(primaryJdbcUrl("postgres"), USER, WAIT);
    }

    private void cloneReplica() {
        if (binaries.has("pg_basebackup")) {
            binaries.run(root, "pg_basebackup", "-h", LocalInfra.HOST, "-p", Integer.toString(primaryPort),
                    "-U", USER, "-D", replicaDir.toString(), "-X", "stream", "-c", "fast", "-R");
        } else {
            LowLevelBaseBackup.copy(primaryJdbcUrl("postgres"), USER, primaryDir, replicaDir, primaryPort);
            binaries.chown(replicaDir);
        }
        PgClusterControl.appendConfig(replicaDir, replicaPort, "hot_standby = on");
    }

    private void stopQuietly() {
        for (Path dir : new Path[] { replicaDir, primaryDir }) {
            try {
                PgClusterControl.stop(binaries, root, dir, "immediate");
            } catch (RuntimeException notRunning) {
                // Already stopped (or never started): nothing to do.
            }
        }
    }

    private static void sql(String url, String statement) {
        try (Connection c = PgAdmin.connect(url, USER, 10); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed on " + url, e);
        }
    }
}
