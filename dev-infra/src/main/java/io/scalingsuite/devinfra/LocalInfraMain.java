package io.scalingsuite.devinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for {@code make run}, on their usual ports: the machine's own where they answer,
 * otherwise embedded ones that live as long as this process. Writes a ready file once both are usable,
 * then exits at once if it started nothing, or waits for SIGTERM (from {@code make stop}).
 *
 * <p>To try the embedded path on a machine whose own servers hold those ports, run it in a network
 * namespace of its own: {@code unshare -n sh -c 'ip link set lo up; java ... LocalInfraMain ...'}.
 */
public final class LocalInfraMain {

    private static final String HOST = LocalInfra.HOST;
    private static final int PG_PORT = 5432;
    private static final int REDIS_PORT = 6379;

    private LocalInfraMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        boolean keepAlive;
        try {
            keepAlive = start(argv);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // embedded servers' reader threads would otherwise keep the JVM up; hooks stop them
            return;
        }
        if (keepAlive) {
            Thread.currentThread().join(); // until SIGTERM runs the shutdown hooks
        }
    }

    /** Returns whether it started an embedded server, which must then live as long as this process. */
    private static boolean start(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("--database", "--ready-file"), Set.of());
        String database = PgAdmin.checkName(args.get("--database", "scaling_suite"));
        Path readyFile = Path.of(args.require("--ready-file"));
        Files.deleteIfExists(readyFile);

        EmbeddedPostgres pg = null;
        if (!PgAdmin.answers(HOST, PG_PORT, LocalInfra.PG_USER, 2)) {
            System.err.println("[local-infra] no PostgreSQL answers on " + HOST + ":" + PG_PORT
                    + "; starting an embedded one there");
            pg = Embedded.postgres(PG_PORT);
            // Hooked at once, so the server cannot outlive this JVM whatever fails or signals it next.
            stopOnExit(pg::close, readyFile);
        }
        RedisServer redis = null;
        if (!Resp.pings(HOST, REDIS_PORT, 1000)) {
            System.err.println("[local-infra] no Redis answers on " + HOST + ":" + REDIS_PORT
                    + "; starting an embedded one there");
            redis = Embedded.redis(REDIS_PORT);
            stopOnExit(redis::stop, readyFile);
        }
        try (Connection admin = PgAdmin.connect(PgAdmin.url(HOST, PG_PORT, "postgres"), LocalInfra.PG_USER, 10)) {
            boolean created = PgAdmin.ensureDatabase(admin, database);
            System.err.println("[local-infra] database " + database + (created ? " created" : " exists"));
        }

        String pgKind = pg == null ? "machine" : "embedded";
        String redisKind = redis == null ? "machine" : "embedded";
        writeReadyFile(readyFile, "postgres=" + pgKind + "\nredis=" + redisKind + "\n");
        System.err.println("[local-infra] ready: PostgreSQL (" + pgKind + ") on " + HOST + ":" + PG_PORT
                + ", Redis (" + redisKind + ") on " + HOST + ":" + REDIS_PORT);
        return pg != null || redis != null;
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static void stopOnExit(IoStep stop, Path readyFile) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
                stop.run();
            } catch (IOException e) {
                System.err.println("[local-infra] stopping: " + e.getMessage());
            }
        }, "local-infra-stop"));
    }

    /** Written whole under a temporary name, then renamed, so a waiting script never reads half a file. */
    private static void writeReadyFile(Path readyFile, String content) throws IOException {
        Path parent = readyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".infra", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
