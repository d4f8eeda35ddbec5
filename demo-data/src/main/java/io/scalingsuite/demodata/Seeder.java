package io.scalingsuite.demodata;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.scalingsuite.devinfra.Args;
import io.scalingsuite.devinfra.PgAdmin;
import io.scalingsuite.devinfra.Resp;

/**
 * Loads the demo catalogue (100 merchants, 200 categories, 100,000 products, 300,000 reviews) into the
 * {@code catalog} schema that catalog-service's Flyway migrations created, replacing whatever is there.
 *
 * <pre>
 * Seeder --jdbc-url URL [--user postgres] [--password ""] [--if-empty]
 *        [--redis HOST:PORT [--key-prefix catalog]]
 * </pre>
 *
 * Fixed seed, and timestamps anchored at today's UTC midnight: runs on the same day load identical rows.
 */
public final class Seeder {

    static final long SEED = 20_240_601L;
    static final int PRODUCTS = 100_000;
    static final int REVIEWS = 300_000;

    private Seeder() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv,
                Set.of("--jdbc-url", "--user", "--password", "--redis", "--key-prefix"), Set.of("--if-empty"));
        long started = System.nanoTime();
        try (Connection c = PgAdmin.connect(args.require("--jdbc-url"), args.get("--user", "postgres"), 10)) {
            if (!args.get("--password", "").isEmpty()) {
                throw new IllegalArgumentException("--password: only password-less (trust) servers are supported");
            }
            long existing = count(c, "catalog.product");
            if (existing > 0 && args.has("--if-empty")) {
                System.err
                        .println("[seed] catalog.product already has " + existing + " rows; --if-empty: nothing to do");
                return;
            }
            load(c, existing);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("[seed] loaded 200 categories, %,d products, %,d reviews (100 merchants) in %.1f s%n",
                PRODUCTS, REVIEWS, seconds);
        if (args.has("--redis")) {
            bumpListingGeneration(args.get("--redis", ""), args.get("--key-prefix", "catalog"));
        }
    }

    /** Everything in one transaction: a failed run leaves the previous data, not half a catalogue. */
    private static void load(Connection c, long existing) throws SQLException {
        long endMicros = TimeUnit.SECONDS.toMicros(
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        var random = new Random(SEED);
        Words words = Words.load();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        c.setAutoCommit(false);
        try {
            if (existing > 0 || count(c, "catalog.category") > 0) {
                System.err.println("[seed] replacing the existing catalogue (" + existing + " products)");
                execute(c, "TRUNCATE catalog.review, catalog.product, catalog.category");
            }
            CategoryTree tree = CategoryTree.load(endMicros - TimeUnit.DAYS.toMicros(400), random);
            try (CopyStream out = CopyStream.open(copy, "catalog.category",
                    "id, slug, name, parent_id, version, created_at, updated_at")) {
                tree.copy(out);
            }
            ProductGenerator.Products products;
            try (CopyStream out = CopyStream.open(copy, "catalog.product", ProductGenerator.COLUMNS)) {
                products = new ProductGenerator(random, tree, words)
                        .copy(out, PRODUCTS, endMicros, new Progress("products", PRODUCTS));
            }
            try (CopyStream out = CopyStream.open(copy, "catalog.review", ReviewGenerator.COLUMNS)) {
                new ReviewGenerator(random, words).copy(out, products, REVIEWS, endMicros,
                        new Progress("reviews", REVIEWS));
            }
            System.err.println("[seed] committing");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        c.setAutoCommit(true);
        // Fresh statistics, or the planner would guess at 100,000 rows from an empty table's numbers.
        System.err.println("[seed] analyzing");
        execute(c, "ANALYZE catalog.category, catalog.product, catalog.review");
    }

    /**
     * Cached listing pages are keyed under a generation counter; bumping it makes every one of them
     * unreachable, exactly as a product write in catalog-service does. Redis is optional here.
     */
    private static void bumpListingGeneration(String hostPort, String keyPrefix) {
        int colon = hostPort.lastIndexOf(':');
        String key = keyPrefix + ":{listing}:gen";
        try {
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 6379 : Integer.parseInt(hostPort.substring(colon + 1));
            String reply = Resp.command(host, port, 2000, "INCR", key);
            if (!reply.startsWith(":")) {
                throw new IOException("Redis answered " + reply);
            }
            System.err.println("[seed] INCR " + key + " -> " + reply.substring(1) + " (cached listings dropped)");
        } catch (IOException | RuntimeException e) {
            System.err
                    .println("[seed] warning: could not bump " + key + " on Redis " + hostPort + ": " + e.getMessage());
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
