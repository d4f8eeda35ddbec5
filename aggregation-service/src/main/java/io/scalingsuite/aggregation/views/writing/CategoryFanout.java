package io.scalingsuite.aggregation.views.writing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One batch of a category change's fan-out, in the caller's (short) transaction: takes a queued job no other
 * transaction holds, walks the cards of the category's subtree by (category, product id) from the job's cursor, and
 * re-embeds each category's current form (read from the category table in the same statement) in every card that
 * embeds an older one. A card a product event wrote meanwhile already embeds the current form (its version is not
 * older) and is left alone; a batch that runs again after a crash rewrites nothing twice.
 */
@ApplicationScoped
public class CategoryFanout {

    /** What one batch did: the job's category, the cards it rewrote, and whether the job is finished. */
    public record Batch(UUID categoryId, int rewritten, boolean finished) {
    }

    /** Round-robin over jobs: a batch moves its job to the back ({@code updated_at}). */
    static final String CLAIM = "SELECT category_id, target_version, last_category_id, last_product_id "
            + "FROM aggregation.category_fanout ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED";

    /** The live children of a level of the subtree. */
    static final String CHILDREN = "SELECT id FROM aggregation.category WHERE parent_id = ANY (?) AND NOT deleted";

    static final String PAGE = "SELECT product_id FROM aggregation.product_card WHERE category_id = ? "
            + "AND product_id > ? ORDER BY product_id LIMIT ?";

    static final String REWRITE = """
            UPDATE aggregation.product_card p SET card = jsonb_set(p.card, '{category}',
                    jsonb_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'path', c.path)),
                category_version = c.path_version
            FROM aggregation.category c
            WHERE c.id = ? AND NOT c.deleted AND p.product_id = ANY (?) AND p.category_id = c.id
              AND p.category_version < c.path_version""";

    static final String ADVANCE = "UPDATE aggregation.category_fanout SET last_category_id = ?, last_product_id = ?, "
            + "cards = cards + ?, updated_at = now() WHERE category_id = ?";

    static final String FINISH = "DELETE FROM aggregation.category_fanout WHERE category_id = ?";

    private static final UUID FIRST = new UUID(0, 0);

    /** Runs one batch of at most {@code size} cards of the next job; empty when no job is waiting. */
    public Optional<Batch> step(Connection c, int size) throws SQLException {
        UUID job;
        UUID category;
        UUID after;
        try (PreparedStatement s = c.prepareStatement(CLAIM); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            job = rs.getObject(1, UUID.class);
            category = rs.getObject(3, UUID.class);
            after = rs.getObject(4, UUID.class);
        }
        int walked = 0;
        int rewritten = 0;
        for (UUID id : subtree(c, job, category == null ? FIRST : category)) {
            UUID from = id.equals(category) && after != null ? after : FIRST;
            List<UUID> page = page(c, id, from, size - walked);
            rewritten += rewrite(c, id, page);
            walked += page.size();
            if (walked >= size) {
                advance(c, job, id, page.get(page.size() - 1), rewritten);
                return Optional.of(new Batch(job, rewritten, false));
            }
        }
        try (PreparedStatement s = c.prepareStatement(FINISH)) {
            s.setObject(1, job);
            s.executeUpdate();
        }
        return Optional.of(new Batch(job, rewritten, true));
    }

    /**
     * The subtree's live categories from the cursor's on, in id order, read a level at a time; a category seen
     * already (a cycle that out-of-order moves can leave for a while) is not descended into again.
     */
    private static List<UUID> subtree(Connection c, UUID root, UUID from) throws SQLException {
        Set<UUID> all = new HashSet<>(List.of(root));
        List<UUID> level = List.of(root);
        while (!level.isEmpty()) {
            List<UUID> next = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(CHILDREN)) {
                s.setArray(1, c.createArrayOf("uuid", level.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID child = rs.getObject(1, UUID.class);
                        if (all.add(child)) {
                            next.add(child);
                        }
                    }
                }
            }
            level = next;
        }
        return all.stream().filter(id -> compare(id, from) >= 0).sorted(CategoryFanout::compare).toList();
    }

    /** PostgreSQL's order of uuids (unsigned bytes), which the keyset walk follows; Java's UUID order is signed. */
    static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static List<UUID> page(Connection c, UUID category, UUID after, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>(limit);
        try (PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setObject(1, category);
            s.setObject(2, after);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static int rewrite(Connection c, UUID category, List<UUID> page) throws SQLException {
        if (page.isEmpty()) {
            return 0;
        }
        Array ids = c.createArrayOf("uuid", page.toArray());
        try (PreparedStatement s = c.prepareStatement(REWRITE)) {
            s.setObject(1, category);
            s.setArray(2, ids);
            return s.executeUpdate();
        }
    }

    private static void advance(Connection c, UUID job, UUID category, UUID product, int rewritten)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
            s.setObject(1, category);
            s.setObject(2, product);
            s.setLong(3, rewritten);
            s.setObject(4, job);
            s.executeUpdate();
        }
    }
}
