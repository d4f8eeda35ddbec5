package io.scalingsuite.aggregation.views.reading;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The ids of a category and all its descendants, which top lists read one index probe each. */
final class Subtree {

    /** A deleted category has no top list; UNION (not ALL) ends at a cycle that out-of-order moves can leave. */
    private static final String SQL = "WITH RECURSIVE sub AS (SELECT id FROM aggregation.category WHERE id = ? "
            + "AND NOT deleted UNION SELECT c.id FROM aggregation.category c JOIN sub ON c.parent_id = sub.id "
            + "WHERE NOT c.deleted) SELECT array_agg(id) FROM sub";

    private Subtree() {
    }

    /** The subtree as a {@code uuid[]}; null when the category is unknown or deleted. */
    static Array of(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SQL)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getArray(1) : null;
            }
        }
    }
}
