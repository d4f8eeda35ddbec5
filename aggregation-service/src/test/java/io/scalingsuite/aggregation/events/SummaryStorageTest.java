package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.contracts.events.CatalogEvent;

/**
 * The summary rows of a category and its parent are rewritten by every event of a product below them. Each has a
 * page of its own (V8), so the table does not grow with the events even where no VACUUM runs (autovacuum is off for
 * it here, as it is on some hosts): a row's next version fits beside the old one and the page prunes the dead ones.
 */
@QuarkusTest
@TestProfile(CachedPlanTest.OwnDatabase.class)
class SummaryStorageTest {

    private static final int UPDATES = 400;

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Test
    void shouldKeepTheSummaryTableItsSizeWhileEventsRewriteItsRows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE aggregation.category_summary SET (autovacuum_enabled = false)");
            c.setAutoCommit(false);
            UUID parent = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            apply(c, Events.category(parent, "parent-" + parent, null, 0), "1-0");
            apply(c, Events.category(child, "child-" + child, parent, 0), "1-1");
            UUID product = UUID.randomUUID();
            for (int i = 0; i < 10; i++) { // a full top 10: rows of the size they have in use
                apply(c, Events.product(i == 0 ? product : UUID.randomUUID(), 0, child, 100 + i, 1), "2-" + i);
            }
            long before = pages(s);
            for (int version = 1; version <= UPDATES; version++) {
                apply(c, Events.product(product, version, child, 100, version % 7), "3-" + version);
            }
            long after = pages(s);
            assertTrue(after - before < 10, UPDATES + " events grew the summaries from " + before + " to " + after
                    + " pages");
        }
    }

    private void apply(Connection c, CatalogEvent<?> event, String streamId) throws SQLException {
        applier.applyIn(c, event, streamId);
        c.commit();
    }

    private static long pages(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT pg_relation_size('aggregation.category_summary') / current_setting('block_size')::int")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
