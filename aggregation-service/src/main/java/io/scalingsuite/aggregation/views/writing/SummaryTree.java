package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which category summaries contain a category: the category and its live ancestors, the categories whose subtree
 * holds it. Recomputes summaries from their subtrees with {@code aggregation.refresh_category_summaries} (V7), the
 * one definition of a summary that the migration, the rebuild and the writers share.
 */
@ApplicationScoped
public class SummaryTree {

    /**
     * Each start (when live) with its live ancestors, walking up the parents; UNION (not ALL) ends at a cycle that
     * out-of-order moves can leave, as the summaries' subtrees do.
     */
    static final String CHAINS = """
            WITH RECURSIVE up (start, id, parent_id) AS (
                SELECT id, id, parent_id FROM aggregation.category WHERE id = ANY (?) AND NOT deleted
                UNION
                SELECT up.start, c.id, c.parent_id FROM up JOIN aggregation.category c ON c.id = up.parent_id
                WHERE NOT c.deleted)
            SELECT start, id FROM up""";

    static final String REFRESH = "SELECT aggregation.refresh_category_summaries(?)";

    /** The summaries containing each category given (nulls skipped): start to the set, empty when none. */
    Map<UUID, Set<UUID>> chains(Connection c, UUID... categories) throws SQLException {
        Map<UUID, Set<UUID>> chains = new HashMap<>();
        Object[] starts = java.util.Arrays.stream(categories).filter(Objects::nonNull).distinct().toArray();
        for (Object start : starts) {
            chains.put((UUID) start, new HashSet<>());
        }
        if (starts.length == 0) {
            return chains;
        }
        try (PreparedStatement s = c.prepareStatement(CHAINS)) {
            s.setArray(1, c.createArrayOf("uuid", starts));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chains.get(rs.getObject(1, UUID.class)).add(rs.getObject(2, UUID.class));
                }
            }
        }
        return chains;
    }

    /** The summaries containing the category: itself (when live) and its live ancestors. */
    Set<UUID> chain(Connection c, UUID category) throws SQLException {
        return chains(c, category).get(category);
    }

    /** Recomputes the summaries of these categories from their subtrees; a deleted or unknown one loses its row. */
    void refresh(Connection c, Collection<UUID> categories) throws SQLException {
        if (categories.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(REFRESH)) {
            s.setArray(1, c.createArrayOf("uuid", new HashSet<>(categories).toArray()));
            s.execute();
        }
    }
}
