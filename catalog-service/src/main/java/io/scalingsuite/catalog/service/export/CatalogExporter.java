package io.scalingsuite.catalog.service.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.events.OutboxPublisher;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Streams the whole catalog as NDJSON from one REPEATABLE READ snapshot per shard, for consumers that rebuild their views:
 * a {@code Snapshot} line (with the stream's last entry id when the export began), then every category, product
 * and review with its version, then an {@code End} line with the counts (a truncated export lacks it).
 * PostgreSQL renders each row's JSON and the rows stream through a cursor, so memory stays flat.
 */
@ApplicationScoped
public class CatalogExporter {

    private static final String TIME = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static final String[][] SECTIONS = {
            { "Category",
                    "SELECT version, json_build_object('id', id, 'slug', slug, 'name', name, 'parentId', parent_id, "
                            + "'version', version)::text FROM catalog.category ORDER BY id" },
            { "Product",
                    "SELECT version, json_build_object('id', id, 'sku', sku, 'name', name, 'description', description, "
                            + "'priceCents', price_cents, 'currency', currency, 'categoryId', category_id, 'merchantId', merchant_id, "
                            + "'stock', stock, 'attributes', attributes, 'version', version, 'createdAt', "
                            + TIME.formatted("created_at")
                            + ", 'updatedAt', " + TIME.formatted("updated_at")
                            + ")::text FROM catalog.product ORDER BY id" },
            { "Review",
                    "SELECT 0, json_build_object('id', id, 'productId', product_id, 'rating', rating, 'title', title, "
                            + "'body', body, 'createdAt', " + TIME.formatted("created_at")
                            + ")::text FROM catalog.review ORDER BY id" } };

    private final ShardPools shards;
    private final ReactiveRedisDataSource redis;
    private final String stream;

    public CatalogExporter(ShardPools shards, ReactiveRedisDataSource redis, OutboxPublisher publisher) {
        this.shards = shards;
        this.redis = redis;
        this.stream = publisher.stream();
    }

    public void export(OutputStream out) throws IOException {
        String position = streamPosition();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write("{\"type\":\"Snapshot\",\"streamPosition\":\"" + position + "\",\"takenAt\":\"" + Instant.now()
                + "\"}\n");
        long[] counts = new long[SECTIONS.length];
        for (Shard shard : shards.all()) {
            // Categories are copied to every shard: the first one's copy is exported.
            exportShard(shard, writer, counts, shard.index() == 0 ? 0 : 1);
        }
        writer.write("{\"type\":\"End\",\"categories\":" + counts[0] + ",\"products\":" + counts[1]
                + ",\"reviews\":" + counts[2] + "}\n");
        writer.flush();
    }

    /** One shard from one REPEATABLE READ snapshot of it (shards are not snapshotted together). */
    private static void exportShard(Shard shard, Writer writer, long[] counts, int firstSection) throws IOException {
        try (Connection c = shard.primary().getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            for (int i = firstSection; i < SECTIONS.length; i++) {
                counts[i] += section(c, writer, SECTIONS[i][0], SECTIONS[i][1]);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("Export failed", e);
        }
    }

    private static long section(Connection c, Writer writer, String type, String sql) throws SQLException, IOException {
        long count = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(2_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    writer.write("{\"type\":\"" + type + "\",\"version\":" + rs.getLong(1) + ",\"payload\":"
                            + rs.getString(2) + "}\n");
                    count++;
                }
            }
        }
        return count;
    }

    /** The id of the stream's newest entry ("0-0" when empty or unknown): events after it may follow the snapshot. */
    private String streamPosition() {
        try {
            var last = redis.execute("XREVRANGE", stream, "+", "-", "COUNT", "1").await().atMost(Duration.ofSeconds(2));
            return last == null || last.size() == 0 ? "0-0" : last.get(0).get(0).toString();
        } catch (RuntimeException e) {
            return "0-0";
        }
    }
}
