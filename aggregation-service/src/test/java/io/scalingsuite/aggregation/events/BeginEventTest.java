package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;

/**
 * What an event runs before it writes a view: the category tree's lock, its aggregates' locks and its
 * first-delivery record, in one statement (one round trip of the consumer's), held until the transaction ends.
 */
@QuarkusTest
@TestProfile(CachedPlanTest.OwnDatabase.class)
class BeginEventTest {

    private static final String TREE = "hashtextextended('aggregation:category-tree', 0)";

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Test
    void shouldLockAndRecordTheDeliveryInTheEventsFirstStatementAndNoOther() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID category = category(c, UUID.randomUUID());
            RecordingConnection recording = new RecordingConnection(c);

            applier.applyIn(recording.connection(), Events.product(UUID.randomUUID(), 0, category, 100, 1), "1-1");

            List<String> sql = recording.ran().stream().map(RecordingConnection.Ran::sql).toList();
            assertTrue(sql.get(0).contains("aggregation.begin_event"), "first: " + sql.get(0));
            assertEquals(List.of(), sql.subList(1, sql.size()).stream().filter(s -> s.contains("pg_advisory")
                    || s.contains("applied_event")).toList(), "locks or delivery records after the first");
            c.rollback();
        }
    }

    @Test
    void shouldAnswerDuplicateForASecondDeliveryAfterOneStatement() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID category = category(c, UUID.randomUUID());
            CatalogEvent<?> event = Events.product(UUID.randomUUID(), 0, category, 100, 1);
            assertEquals(Outcome.APPLIED, applier.applyIn(c, event, "1-1"));
            RecordingConnection recording = new RecordingConnection(c);

            assertEquals(Outcome.DUPLICATE, applier.applyIn(recording.connection(), event, "1-2"));
            assertEquals(1, recording.ran().size(), "statements: " + recording.ran());
            c.rollback();
        }
    }

    @Test
    void shouldHoldTheTreeProductAndCategoryLocksUntilTheTransactionEnds() throws SQLException {
        UUID category = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Connection other = dataSource.getConnection();
                Statement probe = other.createStatement()) {
            c.setAutoCommit(false);
            other.setAutoCommit(false); // the probe's locks end with its transaction, whatever fails here
            try {
                category(c, category);
                c.commit();
                applier.applyIn(c, Events.product(product, 0, category, 100, 1), "1-1");

                assertFalse(taken(probe, "pg_try_advisory_xact_lock(hashtextextended('" + product + "', 0))"),
                        "product");
                assertFalse(taken(probe, "pg_try_advisory_xact_lock(hashtextextended('" + category + "', 0))"),
                        "category");
                assertFalse(taken(probe, "pg_try_advisory_xact_lock(" + TREE + ")"), "the tree, exclusively");
                assertTrue(taken(probe, "pg_try_advisory_xact_lock_shared(" + TREE + ")"),
                        "the tree, shared beside a product event");
                c.rollback();
                assertTrue(taken(probe, "pg_try_advisory_xact_lock(hashtextextended('" + product + "', 0))"),
                        "the product, once the event's transaction ended");
            } finally {
                c.rollback();
                other.rollback();
            }
        }
    }

    /** Applies the creation of category {@code id} in {@code c}'s transaction; answers the id. */
    private UUID category(Connection c, UUID id) throws SQLException {
        applier.applyIn(c, Events.category(id, "c-" + id, null, 0), "1-0");
        return id;
    }

    private static boolean taken(Statement s, String call) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT " + call)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
