package io.scalingsuite.devinfra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL server programs for test-owned clusters: the machine's own ({@code /usr/lib/postgresql/<v>/bin}) where
 * installed, else the embedded distribution's (initdb, pg_ctl, postgres; it has no pg_basebackup). PostgreSQL
 * refuses to run as root, so as root every program runs as an unprivileged user through {@code runuser}.
 */
final class PgBinaries {

    private static final String EMBEDDED_ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path bin;
    private final String runAs;

    private PgBinaries(Path bin, String runAs) {
        this.bin = bin;
        this.runAs = runAs;
    }

    static PgBinaries locate() {
        // -Ddevinfra.pg-binaries=embedded exercises the bare-machine path on a machine that has PostgreSQL.
        boolean embeddedOnly = "embedded".equals(System.getProperty("devinfra.pg-binaries"));
        Path machine = embeddedOnly ? null : machineBin();
        Path bin = machine != null ? machine : extractEmbedded();
        String runAs = "root".equals(System.getProperty("user.name")) ? unprivilegedUser() : null;
        return new PgBinaries(bin, runAs);
    }

    boolean has(String program) {
        return Files.isExecutable(bin.resolve(program));
    }

    /** The user the server runs as, when it is not the current one (data directories must be theirs). */
    String runAs() {
        return runAs;
    }

    /** Runs a program to completion; fails with its output when it exits non-zero. */
    void run(Path logDir, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(logDir, program + "-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (" + process.exitValue() + "): "
                        + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + program, e);
        }
    }

    /** Hands a directory tree to the server's user, so it may own its data directory. */
    void chown(Path dir) {
        if (runAs == null) {
            return;
        }
        try {
            Process p = new ProcessBuilder("chown", "-R", runAs + ":", dir.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("chown " + dir + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path machineBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String unprivilegedUser() {
        for (String user : List.of("postgres", "nobody")) {
            try {
                if (new ProcessBuilder("id", "-u", user).start().waitFor() == 0) {
                    return user;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("running as root and neither a postgres nor a nobody user exists");
    }

    /** Unpacks the embedded distribution once per machine into a directory every user may read. */
    private static Path extractEmbedded() {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "scaling-suite-pg-bin");
        if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            return target.resolve("bin");
        }
        try (InputStream raw = PgBinaries.class.getClassLoader().getResourceAsStream(EMBEDDED_ARCHIVE)) {
            if (raw == null) {
                throw new IllegalStateException("no PostgreSQL binaries: neither installed nor " + EMBEDDED_ARCHIVE);
            }
            Path staging = Files.createTempDirectory(target.getParent(), "scaling-suite-pg-bin-");
            try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextTarEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException lostRace) {
                // Another JVM unpacked it first; theirs is as good as ours.
            }
            return target.resolve("bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded PostgreSQL", e);
        }
    }
}
