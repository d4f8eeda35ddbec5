package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of {@link CategoryReplicator} on one shard's connection: a fingerprint of the tree (every id with its
 * version), the rows of given ids, and the version-checked upsert and delete that make a copy equal to the
 * authority. {@link CategoryBuckets} narrows a differing tree down to the ids that differ.
 */
final class CategoryCopies {

    /** A category row as the authority holds it. */
    record Row(UUID id, String slug, String name, UUID parentId, long version, Instant createdAt,
            Instant updatedAt) {
    }

    /**
     * Row count and the sum of a 64-bit hash of each {@code id:version}: no sort and no string of the whole tree, so
     * the check every pass makes costs a few ms for 10,000 rows (an md5 of the sorted pairs took about 35).
     */
    static final String FINGERPRINT = "count(*) || ':' || coalesce(sum(hashtextextended(id::text || ':' || version, 0)"
            + "::numeric), 0)";

    private static final String UPSERT = """
            INSERT INTO catalog.category (id, slug, name, parent_id, version, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,
                parent_id = EXCLUDED.parent_id, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            WHERE catalog.category.version < EXCLUDED.version""";

    /** A copy that products still reference stays (the authority refuses such a delete; see CategoryEdits). */
    private static final String DELETE = """
            DELETE FROM catalog.category c WHERE c.id = ANY (?)
            AND NOT EXISTS (SELECT 1 FROM catalog.product p WHERE p.category_id = c.id)""";

    private CategoryCopies() {
    }

    /** Equal on two shards when both hold the same ids at the same versions; else equal by a 2^-64 chance. */
    static String fingerprint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + FINGERPRINT + " FROM catalog.category")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The full rows of the ids (those the authority still has). */
    static List<Row> rows(Connection c, List<UUID> ids) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, slug, name, parent_id, version, created_at, "
                + "updated_at FROM catalog.category WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getLong(5), rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    /** Until the commit: a copy is only consistent once every row is applied (see V8__category_copies.sql). */
    static void deferConstraints(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET CONSTRAINTS ALL DEFERRED");
        }
    }

    /** Applies rows newer than the copy's; a copy already at (or past) a row's version is left alone. */
    static int upsert(Connection c, List<Row> rows) throws SQLException {
        int changed = 0;
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                s.setObject(1, row.id());
                s.setString(2, row.slug());
                s.setString(3, row.name());
                s.setObject(4, row.parentId());
                s.setLong(5, row.version());
                s.setTimestamp(6, Timestamp.from(row.createdAt()));
                s.setTimestamp(7, Timestamp.from(row.updatedAt()));
                changed += s.executeUpdate();
            }
        }
        return changed;
    }

    static int delete(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            return s.executeUpdate();
        }
    }
}
