package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.contracts.events.CategoryState;

/**
 * Keeps the category tree with each node's root-first path. A change rewrites only category rows, in the event's
 * transaction: the category and the paths below it, each changed one with a new {@code path_version}. The product
 * cards that embed them are rewritten afterwards, in bounded batches, by the durable job this queues
 * ({@link CategoryFanout}). The stored summaries of the categories above it, before and after the change, are
 * recomputed from their subtrees in the same transaction ({@link SummaryTree}), so a moved subtree's counts, sums,
 * extremes and top products follow its new parent as soon as this commits.
 */
@ApplicationScoped
public class CategoryViewWriter {

    private static final String UPSERT = """
            INSERT INTO aggregation.category (id, parent_id, slug, name, path, version) VALUES (?, ?, ?, ?, '[]', ?)
            ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, slug = EXCLUDED.slug,
                name = EXCLUDED.name, version = EXCLUDED.version""";

    /**
     * Paths recomputed from the parents' (a parent not seen yet or deleted: the path starts here and is completed
     * when the parent arrives), of the categories the condition picks; each row whose path changed takes a new path
     * version and is returned. A category whose path did not change leaves its descendants' unchanged too.
     */
    private static final String PATHS = """
            UPDATE aggregation.category c SET path = x.path,
                path_version = nextval('aggregation.category_path_seq')
            FROM (SELECT k.id, coalesce((SELECT p.path FROM aggregation.category p WHERE p.id = k.parent_id
                                           AND NOT p.deleted), '[]'::jsonb)
                               || jsonb_build_object('id', k.id, 'slug', k.slug, 'name', k.name) AS path
                  FROM aggregation.category k WHERE %s AND NOT k.deleted) x
            WHERE c.id = x.id AND c.path IS DISTINCT FROM x.path
            RETURNING c.id""";

    static final String OWN_PATH = PATHS.formatted("k.id = ?");

    /** One level down: the children of categories whose path just changed. */
    static final String CHILDREN_PATHS = PATHS.formatted("k.parent_id = ANY (?)");

    /** Queues (or restarts from the beginning) the re-embedding of the category's subtree in its cards. */
    static final String QUEUE = """
            INSERT INTO aggregation.category_fanout AS f (category_id, target_version)
            SELECT id, path_version FROM aggregation.category WHERE id = ?
            ON CONFLICT (category_id) DO UPDATE SET target_version = EXCLUDED.target_version,
                last_category_id = NULL, last_product_id = NULL, cards = 0, updated_at = now()""";

    private static final String TOMBSTONE = """
            INSERT INTO aggregation.category AS c (id, parent_id, slug, name, path, version, deleted)
            VALUES (?, ?, ?, ?, '[]', ?, true)
            ON CONFLICT (id) DO UPDATE SET deleted = true, version = EXCLUDED.version""";

    private final SummaryTree summaries;

    public CategoryViewWriter(SummaryTree summaries) {
        this.summaries = summaries;
    }

    public Outcome upsert(Connection c, UUID id, long version, CategoryState p) throws SQLException {
        if (!newer(c, id, version)) {
            return Outcome.STALE;
        }
        Set<UUID> above = summaries.chain(c, id);
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setObject(1, id);
            s.setObject(2, p.parentId());
            s.setString(3, p.slug());
            s.setString(4, p.name());
            s.setLong(5, version);
            s.executeUpdate();
        }
        if (repath(c, id)) {
            update(c, QUEUE, id);
        }
        Set<UUID> now = summaries.chain(c, id);
        if (!now.equals(above)) { // created, or moved: a rename leaves every summary as it was
            now.addAll(above);
            summaries.refresh(c, now);
        }
        return Outcome.APPLIED;
    }

    /**
     * Recomputes the category's path, then its descendants' a level at a time (a handful of statements however
     * many categories the subtree has); whether the category's path changed. Events of two categories applied out
     * of order can leave a cycle for a while: a category already visited is not descended into again.
     */
    private static boolean repath(Connection c, UUID id) throws SQLException {
        List<UUID> level = changed(c, OWN_PATH, id);
        Set<UUID> seen = new HashSet<>(level);
        boolean changed = !level.isEmpty();
        while (!level.isEmpty()) {
            level = changed(c, CHILDREN_PATHS, c.createArrayOf("uuid", level.toArray()));
            level.removeIf(child -> !seen.add(child));
        }
        return changed;
    }

    private static List<UUID> changed(Connection c, String sql, Object parameter) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * Catalog deletes only a category nothing references, so its stat and summary rows go, the summaries above it
     * are recomputed, and no card changes. The row stays as a tombstone at the delete's version: an older update
     * delivered later finds it newer and is stale.
     */
    public Outcome delete(Connection c, UUID id, long version, CategoryState last) throws SQLException {
        if (!newer(c, id, version)) {
            return Outcome.STALE;
        }
        Set<UUID> above = summaries.chain(c, id);
        try (PreparedStatement s = c.prepareStatement(TOMBSTONE)) {
            s.setObject(1, id);
            s.setObject(2, last.parentId());
            s.setString(3, last.slug());
            s.setString(4, last.name());
            s.setLong(5, version);
            s.executeUpdate();
        }
        update(c, "DELETE FROM aggregation.category_stat WHERE category_id = ?", id);
        update(c, "DELETE FROM aggregation.category_fanout WHERE category_id = ?", id);
        summaries.refresh(c, above);
        return Outcome.APPLIED;
    }

    /** Whether the event is newer than the stored category or tombstone, which it locks. */
    private static boolean newer(Connection c, UUID id, long version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM aggregation.category WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next() || rs.getLong(1) < version;
            }
        }
    }

    private static int update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            return s.executeUpdate();
        }
    }
}
