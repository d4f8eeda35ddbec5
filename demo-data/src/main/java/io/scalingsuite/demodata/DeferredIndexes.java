package io.scalingsuite.demodata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's secondary indexes (those no constraint owns), dropped before a bulk load into the emptied table and
 * built again after it, in the load's transaction: one sorted build per index instead of an insertion per row,
 * which at a million products is the difference between minutes and seconds (GIN most of all). The definitions
 * are read from the catalog, so the migrations stay their only source.
 */
final class DeferredIndexes {

    private final Connection connection;
    private final List<String> definitions = new ArrayList<>();

    private DeferredIndexes(Connection connection) {
        this.connection = connection;
    }

    /** Drops {@code table}'s secondary indexes; {@link #rebuild} creates them again. */
    static DeferredIndexes drop(Connection c, String table) throws SQLException {
        DeferredIndexes deferred = new DeferredIndexes(c);
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = '%s'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY 1""".formatted(table))) {
            while (rs.next()) {
                names.add(rs.getString(1));
                deferred.definitions.add(rs.getString(2));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        }
        return deferred;
    }

    /** Builds the dropped indexes again, with memory enough to sort each in one pass. */
    void rebuild() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL maintenance_work_mem = '512MB'");
            for (String definition : definitions) {
                st.execute(definition);
            }
        }
    }
}
