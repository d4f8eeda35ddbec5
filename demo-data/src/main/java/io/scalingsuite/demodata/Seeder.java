package io.scalingsuite.demodata;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;

import io.scalingsuite.devinfra.Args;
import io.scalingsuite.devinfra.PgAdmin;

/**
 * Loads the demo catalogue (100 merchants, 200 categories, 100,000 products, 300,000 reviews) into the
 * {@code catalog} schema that catalog-service's Flyway migrations created, replacing whatever is there.
 *
 * <pre>
 * Seeder --jdbc-url URL [--shards-file FILE] [--user postgres] [--password ""] [--if-empty] [--products 100000]
 *        [--redis HOST:PORT[/DB] [--key-prefix catalog] [--purge-channel suite:purge]]
 * </pre>
 *
 * With {@code --shards-file} (catalog's {@code catalog.shards.*} properties, as {@code make run} writes them) the
 * products and reviews go to their merchant's shard, as catalog places them ({@link ShardLayout}), and the
 * categories to every shard. With {@code --redis}, catalog's cached entries from before are made unreachable and
 * gateways told to drop theirs ({@link CacheReset}). Fixed seed, and timestamps anchored at today's UTC midnight:
 * runs on the same day load identical rows, in every shard layout.
 */
public final class Seeder {

    static final long SEED = 20_240_601L;
    static final int PRODUCTS = 100_000;
    /** Reviews per product, on average. */
    static final int REVIEWS_PER_PRODUCT = 3;

    private Seeder() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("--jdbc-url", "--shards-file", "--user", "--password", "--redis",
                "--key-prefix", "--purge-channel", "--products"), Set.of("--if-empty"));
        // Fewer products (and 3 reviews each) for tests that need a reload, not the full demo catalogue.
        int products = Integer.parseInt(args.get("--products", Integer.toString(PRODUCTS)));
        if (!args.get("--password", "").isEmpty()) {
            throw new IllegalArgumentException("--password: only password-less (trust) servers are supported");
        }
        String url = args.require("--jdbc-url");
        ShardLayout layout = args.has("--shards-file")
                ? ShardLayout.fromFile(Path.of(args.get("--shards-file", "")), url) : ShardLayout.single(url);
        long started = System.nanoTime();
        List<Connection> shards = new ArrayList<>();
        Loaded loaded;
        try {
            for (String shardUrl : layout.urls()) {
                shards.add(PgAdmin.connect(shardUrl, args.get("--user", "postgres"), 10));
            }
            long existing = 0;
            for (Connection c : shards) {
                existing += count(c, "catalog.product");
            }
            if (existing > 0 && args.has("--if-empty")) {
                System.err
                        .println("[seed] catalog.product already has " + existing + " rows; --if-empty: nothing to do");
                return;
            }
            layout.readDirectory(shards);
            loaded = load(shards, layout, existing, products);
        } finally {
            for (Connection c : shards) {
                c.close();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("[seed] loaded 200 categories, %,d products, %,d reviews (100 merchants, %d shard(s)) in "
                + "%.1f s%n", products, products * REVIEWS_PER_PRODUCT, layout.count(), seconds);
        if (args.has("--redis")) {
            try {
                CacheReset.run(args.get("--redis", ""), args.get("--key-prefix", "catalog"),
                        args.get("--purge-channel", "suite:purge"), loaded.products(), loaded.categories());
            } catch (IOException | RuntimeException e) {
                System.err.println("[seed] warning: cached entries not reset on Redis " + args.get("--redis", "")
                        + ": " + e.getMessage() + " (catalog may serve pre-seed copies until their TTL)");
            }
        }
    }

    /** The ids of the rows a load replaced and wrote: their cached copies must go. */
    record Loaded(Set<UUID> products, Set<UUID> categories) {
    }

    /**
     * One transaction per shard, committed only after every shard took its rows: a failed run leaves the previous
     * data, not half a catalogue (a failure between the commits themselves would leave shards apart: rerun).
     */
    private static Loaded load(List<Connection> shards, ShardLayout layout, long existing, int count)
            throws SQLException {
        long endMicros = TimeUnit.SECONDS.toMicros(
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        var random = new Random(SEED);
        Words words = Words.load();
        Set<UUID> products = new HashSet<>();
        Set<UUID> categories = new HashSet<>();
        for (Connection c : shards) {
            c.setAutoCommit(false);
            products.addAll(ids(c, "catalog.product"));
            categories.addAll(ids(c, "catalog.category"));
        }
        try {
            if (existing > 0 || !categories.isEmpty()) {
                System.err.println("[seed] replacing the existing catalogue (" + existing + " products)");
                for (Connection c : shards) {
                    // Relocation rows name the replaced products; the new ones are placed by the directory directly.
                    execute(c,
                            "TRUNCATE catalog.review, catalog.product, catalog.category, catalog.product_relocation");
                }
            }
            List<DeferredIndexes> deferred = new ArrayList<>();
            for (Connection c : shards) {
                deferred.add(DeferredIndexes.drop(c, "catalog.product"));
                deferred.add(DeferredIndexes.drop(c, "catalog.review"));
            }
            CategoryTree tree = CategoryTree.load(endMicros - TimeUnit.DAYS.toMicros(400), random);
            CopyStream[] outs = open(shards, "catalog.category", "id, slug, name, parent_id, version, created_at, "
                    + "updated_at");
            for (CopyStream out : outs) {
                tree.copy(out);
            }
            tree.all().forEach(category -> categories.add(category.id()));
            ProductGenerator.Products written = new ProductGenerator(random, tree, words).copy(
                    open(shards, "catalog.product", ProductGenerator.COLUMNS), layout, count, endMicros,
                    new Progress("products", count));
            products.addAll(List.of(written.ids()));
            new ReviewGenerator(random, words).copy(open(shards, "catalog.review", ReviewGenerator.COLUMNS), layout,
                    written, count * REVIEWS_PER_PRODUCT, endMicros,
                    new Progress("reviews", count * REVIEWS_PER_PRODUCT));
            System.err.println("[seed] indexing");
            for (DeferredIndexes indexes : deferred) {
                indexes.rebuild();
            }
            System.err.println("[seed] committing");
            for (Connection c : shards) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            // A COPY may still be open on a connection, where a ROLLBACK would wait for it forever: dropping the
            // connections rolls every shard back.
            for (Connection c : shards) {
                c.abort(Runnable::run);
            }
            throw e;
        }
        // Fresh statistics, or the planner would guess at 100,000 rows from an empty table's numbers. VACUUM also
        // moves the GIN indexes' pending entries (fastupdate) into the indexes, which searches would otherwise scan.
        System.err.println("[seed] vacuuming and analyzing");
        for (Connection c : shards) {
            c.setAutoCommit(true);
            execute(c, "VACUUM (ANALYZE) catalog.category, catalog.product, catalog.review");
        }
        return new Loaded(products, categories);
    }

    /** One COPY per shard; PostgreSQL allows one at a time per connection, and each table is done before the next. */
    private static CopyStream[] open(List<Connection> shards, String table, String columns) throws SQLException {
        CopyStream[] outs = new CopyStream[shards.size()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = CopyStream.open(shards.get(i).unwrap(PGConnection.class).getCopyAPI(), table, columns);
        }
        return outs;
    }

    private static List<UUID> ids(Connection c, String table) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
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
