package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A base backup by PostgreSQL's non-exclusive low-level API (what pg_basebackup does over the replication protocol),
 * for the embedded binaries, which ship no pg_basebackup. The copy may be torn; the replica repairs it by replaying
 * WAL from the backup's start, which it streams from the primary (the primary keeps enough WAL).
 */
final class LowLevelBaseBackup {

    /** Directories whose contents a base backup leaves out (the directories themselves must exist). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts");

    private LowLevelBaseBackup() {
    }

    static void copy(String primaryUrl, String user, Path primaryDir, Path replicaDir, int primaryPort) {
        try (Connection c = PgAdmin.connect(primaryUrl, user, 10); Statement s = c.createStatement()) {
            boolean pg15 = c.getMetaData().getDatabaseMajorVersion() >= 15;
            s.execute(pg15 ? "SELECT pg_backup_start('replica', true)"
                    : "SELECT pg_start_backup('replica', true, false)");
            copyTree(primaryDir, replicaDir);
            try (ResultSet rs = s.executeQuery(pg15 ? "SELECT labelfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                Files.writeString(replicaDir.resolve("backup_label"), rs.getString(1));
            }
            Files.writeString(replicaDir.resolve("standby.signal"), "");
            Files.writeString(replicaDir.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host="
                    + LocalInfra.HOST + " port=" + primaryPort + " user=" + user + "'\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (SQLException e) {
            throw new IllegalStateException("low-level base backup failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.toString().isEmpty() || excluded(relative)) {
                    continue;
                }
                Path target = to.resolve(relative);
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(source)) {
                        // Sockets and lock files are the running server's, not data.
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (NoSuchFileException vanished) {
                    // A temporary file the running primary removed mid-copy: WAL replay does not need it.
                }
            }
        }
        Files.createDirectories(to.resolve("pg_wal/archive_status"));
    }

    private static boolean excluded(Path relative) {
        String first = relative.getName(0).toString();
        if (relative.getNameCount() == 1) {
            return SKIPPED.contains(first);
        }
        return EMPTIED.contains(first);
    }
}
