package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.aggregation.views.writing.CategoryFanout;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.ProductState;

/**
 * Loads 100,000 product cards (and as many applied-event ids) into a database of its own, applies one event of every
 * kind through {@link EventApplier} while recording every statement the writers run, and asks PostgreSQL's planner
 * how it would run each of them, and the consumer's pruning: none may scan a whole table.
 */
@QuarkusTest
@TestProfile(WriterIndexTest.OwnDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriterIndexTest {

    /** A profile of its own, so the rows land in a fresh database that no other test reads. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aggregation.stream.enabled", "false");
        }
    }

    private static final String SEED = """
            INSERT INTO aggregation.category (id, parent_id, slug, name, path, version)
              SELECT gen_random_uuid(), NULL, 'c-' || g, 'Category ' || g, '[]', 0 FROM generate_series(1, 5000) g;
            UPDATE aggregation.category c SET parent_id = p.id
              FROM (SELECT id FROM aggregation.category LIMIT 1) p WHERE c.id <> p.id AND c.slug LIKE 'c-1%';
            INSERT INTO aggregation.product_card (product_id, merchant_id, category_id, name, price_cents, stock,
                                                  deleted, version, updated_at, stream_id, card)
              SELECT gen_random_uuid(), 'merchant-' || (g % 100), c.ids[1 + g % 5000], 'Product ' || g, g % 50000,
                     g % 40, g % 50 = 0, 0, now(), '0-' || g, '{}'::jsonb
              FROM generate_series(1, 100000) g, (SELECT array_agg(id) AS ids FROM aggregation.category) c;
            INSERT INTO aggregation.applied_event (event_id, applied_at)
              SELECT gen_random_uuid(), now() - g * interval '1 second' FROM generate_series(1, 100000) g;
            INSERT INTO aggregation.parked_event (event_id, product_id, fields, parked_at)
              SELECT gen_random_uuid(), gen_random_uuid(), '{}', now() - g * interval '1 second'
              FROM generate_series(1, 20000) g;
            INSERT INTO aggregation.review (review_id, product_id, rating, created_at, doc)
              SELECT gen_random_uuid(), gen_random_uuid(), 1 + g % 5, now(), '{}' FROM generate_series(1, 50000) g;
            -- every category's stored summary, as the migration (V7) computes them for the views it finds
            SELECT aggregation.refresh_category_summaries(ARRAY(SELECT id FROM aggregation.category));
            ANALYZE aggregation.category;
            ANALYZE aggregation.category_summary;
            ANALYZE aggregation.product_card;
            ANALYZE aggregation.applied_event;
            ANALYZE aggregation.parked_event;
            ANALYZE aggregation.review;
            """;

    @Inject
    DataSource dataSource;

    @Inject
    EventApplier applier;

    @Inject
    CategoryFanout fanout;

    @BeforeAll
    void loadCards() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(SEED);
        }
    }

    @Test
    void shouldRunEveryStatementOfTheEventAppliersFromAnIndex() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                RecordingConnection recording = new RecordingConnection(c);
                applyOneOfEach(recording.connection());
                Map<String, RecordingConnection.Ran> distinct = new LinkedHashMap<>();
                recording.ran().forEach(ran -> distinct.putIfAbsent(ran.sql(), ran));
                assertTrue(distinct.size() >= 15, "statements recorded: " + distinct.keySet());
                for (RecordingConnection.Ran ran : distinct.values()) {
                    assertIndexed(c, ran.sql(), ran.parameters());
                }
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void shouldPruneAppliedAndParkedEventsFromAnIndex() throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(7);
        try (Connection c = dataSource.getConnection()) {
            assertIndexed(c, Retention.PRUNE_APPLIED, Map.of(1, cutoff));
            assertIndexed(c, Retention.PRUNE_PARKED, Map.of(1, cutoff));
        }
    }

    /**
     * Categories, a product created, reviewed, moved, deleted; a review before its product; a category renamed and
     * moved, the batches of their fan-out to the cards, and a category deleted.
     */
    private void applyOneOfEach(Connection c) throws SQLException {
        UUID root = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID p = UUID.randomUUID();
        UUID q = UUID.randomUUID();
        applier.applyIn(c, Events.category(root, "root-" + root, null, 0), "1-0");
        applier.applyIn(c, Events.category(child, "child-" + child, root, 0), "1-1");
        applier.applyIn(c, Events.product(p, 0, child, 100, 1), "1-2");
        applier.applyIn(c, Events.review(p, 4), "1-3");
        applier.applyIn(c, Events.review(q, 5), "1-4"); // parked: q has not arrived
        applier.applyIn(c, Events.product(q, 0, child, 100, 1), "1-5");
        CatalogEvent<ProductState> moved = Events.product(p, 1, root, 200, 0);
        applier.applyIn(c, moved, "1-6");
        applier.applyIn(c, moved, "1-7"); // a redelivery
        applier.applyIn(c, Events.product(p, 0, child, 100, 1), "1-8"); // stale
        applier.applyIn(c, Events.category(root, "renamed-" + root, null, 1), "1-9");
        applier.applyIn(c, Events.deleted(moved), "1-10");
        applier.applyIn(c, Events.review(p, 3), "1-11"); // of a deleted product
        UUID other = UUID.randomUUID();
        applier.applyIn(c, Events.category(other, "other-" + other, null, 0), "1-12");
        applier.applyIn(c, Events.moved(child, "child-" + child, root, other, 1), "1-13");
        applier.applyIn(c, Events.product(UUID.randomUUID(), 0, child, 300, 2), "1-14");
        // batches of one card: every statement of a batch that stops mid-category and of one that finishes
        int batches = 0;
        while (fanout.step(c, 1).isPresent()) {
            batches++;
        }
        assertTrue(batches > 1, "fan-out batches: " + batches);
        applier.applyIn(c, Events.categoryDeleted(other, "other-" + other, null, 0), "1-15");
    }

    private static void assertIndexed(Connection c, String sql, Map<Integer, Object> parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (Map.Entry<Integer, Object> p : parameters.entrySet()) {
                s.setObject(p.getKey(), p.getValue());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        String what = sql + "\n" + plan;
        assertFalse(plan.toString().contains("Seq Scan"), "sequential scan: " + what);
        // Any table read shows a scan node; a plan without one (the advisory lock's Result) reads no table.
        boolean readsATable = plan.toString().contains("Scan");
        if (readsATable && !sql.stripLeading().startsWith("INSERT")) {
            assertTrue(plan.toString().matches("(?s).*(Index (Only )?Scan|Bitmap Index Scan).*"), "no index: " + what);
        }
    }
}
