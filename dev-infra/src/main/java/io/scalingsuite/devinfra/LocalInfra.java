package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import redis.embedded.RedisServer;

/**
 * JVM-wide PostgreSQL and Redis for tests: the machine's own where they answer (fast, nothing to start),
 * embedded ones on free ports where they do not (a laptop or CI without them). Each is chosen once.
 */
public final class LocalInfra {

    public static final String HOST = "127.0.0.1";
    public static final String PG_USER = "postgres";
    private static final String DELETE_PREFIXED = "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do "
            + "redis.call('DEL', k) n = n + 1 end return n";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a PostgreSQL server listens; {@code embedded} tells whether this JVM started it. */
    public record Postgres(String host, int port, String user, boolean embedded) {
        public String jdbcUrl(String database) {
            return PgAdmin.url(host, port, database);
        }
    }

    /** Where a Redis server listens; {@code embedded} tells whether this JVM started it. */
    public record Redis(String host, int port, boolean embedded) {
        public String uri() {
            return "redis://" + host + ":" + port;
        }
    }

    private static Postgres postgres;
    private static EmbeddedPostgres embeddedPostgres;
    private static Redis redis;
    private static RedisServer embeddedRedis;
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static final Set<String> SWEPT_PREFIXES = ConcurrentHashMap.newKeySet();

    static {
        // One hook for all cleanup: JVM hooks run concurrently, and the machine's databases must be dropped
        // by a JVM still able to connect, embedded servers stopped only once nothing else needs them.
        Runtime.getRuntime().addShutdownHook(new Thread(LocalInfra::shutdown, "local-infra-shutdown"));
    }

    private LocalInfra() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            if (PgAdmin.answers(HOST, 5432, PG_USER, 2)) {
                postgres = new Postgres(HOST, 5432, PG_USER, false);
            } else {
                try {
                    embeddedPostgres = Embedded.postgres(0);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start embedded PostgreSQL", e);
                }
                postgres = new Postgres(HOST, embeddedPostgres.getPort(), PG_USER, true);
            }
            log("PostgreSQL", postgres.embedded(), postgres.port());
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            if (Resp.pings(HOST, 6379, 1000)) {
                redis = new Redis(HOST, 6379, false);
            } else {
                try {
                    embeddedRedis = Embedded.redis(0);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start embedded Redis", e);
                }
                redis = new Redis(HOST, Embedded.port(embeddedRedis), true);
            }
            log("Redis", redis.embedded(), redis.port());
        }
        return redis;
    }

    /** Creates a brand-new database {@code <prefix>_<random>} and returns its JDBC URL. */
    public static String createDatabase(String prefix) {
        String name = PgAdmin.checkName(prefix + "_" + randomSuffix(10));
        Postgres pg = postgres();
        try (Connection admin = PgAdmin.connect(pg.jdbcUrl("postgres"), pg.user(), 10)) {
            sweepOnce(admin, prefix);
            PgAdmin.createDatabase(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        CREATED.add(name);
        return pg.jdbcUrl(name);
    }

    /** Drops a database made by {@link #createDatabase}, now rather than at JVM exit (best effort). */
    public static void dropDatabase(String name) {
        if (!CREATED.remove(name)) {
            return;
        }
        Postgres pg = postgres();
        try (Connection admin = PgAdmin.connect(pg.jdbcUrl("postgres"), pg.user(), 10)) {
            PgAdmin.dropDatabase(admin, name);
        } catch (SQLException e) {
            System.err.println("[local-infra] could not drop database " + name + ": " + e.getMessage());
        }
    }

    /** Deletes every key under {@code <prefix>:} on {@link #redis()}, a test run's own (best effort). */
    public static void deleteKeys(String prefix) {
        Redis redis = redis();
        try {
            Resp.command(redis.host(), redis.port(), 10_000, "EVAL", DELETE_PREFIXED, "0", prefix + ":*");
        } catch (java.io.IOException e) {
            System.err.println("[local-infra] could not delete test keys " + prefix + ":*: " + e.getMessage());
        }
    }

    public static String randomSuffix(int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Leftovers from killed JVMs pile up only on the machine's server; an embedded one dies with its data. */
    private static void sweepOnce(Connection admin, String prefix) {
        if (postgres.embedded() || !SWEPT_PREFIXES.add(prefix)) {
            return;
        }
        try {
            List<String> dropped = PgAdmin.dropStale(admin, prefix);
            if (!dropped.isEmpty()) {
                System.err.println("[local-infra] dropped " + dropped.size() + " stale database(s): " + dropped);
            }
        } catch (SQLException e) {
            System.err.println("[local-infra] skipped stale-database sweep: " + e.getMessage());
        }
    }

    private static synchronized void shutdown() {
        if (embeddedPostgres == null) {
            List.copyOf(CREATED).forEach(LocalInfra::dropDatabase);
        } else {
            quietly(embeddedPostgres::close); // its databases go with its data directory
        }
        if (embeddedRedis != null) {
            quietly(embeddedRedis::stop);
        }
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static void quietly(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            System.err.println("[local-infra] shutdown: " + e.getMessage());
        }
    }

    private static void log(String what, boolean embedded, int port) {
        System.err.println("[local-infra] " + what + ": " + (embedded ? "embedded" : "machine's")
                + " server on " + HOST + ":" + port);
    }
}
