package io.scalingsuite.aggregation.views.writing;

import static io.scalingsuite.aggregation.views.writing.WriterFixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.aggregation.events.RecordingConnection;

/** Category and merchant sums move by deltas; each test runs in a transaction it rolls back. */
@QuarkusTest
class StatsWriterTest extends InRolledBackTransaction {

    private static final String CATEGORY_PRODUCTS = "SELECT product_count FROM aggregation.category_stat "
            + "WHERE category_id = ?";
    private static final String MERCHANT_CATEGORY_PRODUCTS = "SELECT product_count FROM aggregation.merchant_category "
            + "WHERE category_id = ?";
    private static final String MERCHANT_STOCK_VALUE = "SELECT stock_value_cents FROM aggregation.merchant_stat "
            + "WHERE merchant_id = ?";

    @Inject
    StatsWriter stats;

    private final UUID category = UUID.randomUUID();
    private final String merchant = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldAddAProductToItsCategoryAndMerchant() throws Exception {
        stats.add(c, Contribution.of(category, merchant, 250, 3, 0, 0));

        assertEquals(1, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(750, number(c, MERCHANT_STOCK_VALUE, merchant));
    }

    @Test
    void shouldWriteEverySumOfADeltaInOneStatement() throws Exception {
        UUID root = category(null);
        UUID leaf = category(root);
        RecordingConnection recording = new RecordingConnection(c);

        stats.add(recording.connection(), Contribution.of(leaf, merchant, 250, 3, 0, 0));

        assertEquals(1, recording.ran().size(), "statements: " + recording.ran());
        assertEquals(1, number(c, CATEGORY_PRODUCTS, leaf));
        assertEquals(750, number(c, MERCHANT_STOCK_VALUE, merchant));
        assertEquals(1, number(c, MERCHANT_CATEGORY_PRODUCTS, leaf));
        assertEquals(250, number(c, "SELECT price_sum FROM aggregation.category_summary WHERE category_id = ?", root));
    }

    @Test
    void shouldMoveAProductWithinItsCategoryByOneDelta() throws Exception {
        Contribution before = Contribution.of(category, merchant, 250, 3, 0, 0);
        stats.add(c, before);
        RecordingConnection recording = new RecordingConnection(c);

        stats.move(recording.connection(), before, Contribution.of(category, merchant, 300, 0, 0, 0));

        assertEquals(1, recording.ran().size(), "statements: " + recording.ran());
        assertEquals(1, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(300, number(c, "SELECT price_sum FROM aggregation.category_stat WHERE category_id = ?", category));
        assertEquals(0, number(c, MERCHANT_STOCK_VALUE, merchant));
        assertEquals(1, number(c, MERCHANT_CATEGORY_PRODUCTS, category));
    }

    @Test
    void shouldMoveAProductBetweenCategoriesByDeltas() throws Exception {
        UUID other = UUID.randomUUID();
        Contribution before = Contribution.of(category, merchant, 250, 3, 0, 0);
        stats.add(c, before);

        stats.move(c, before, Contribution.of(other, merchant, 300, 3, 0, 0));

        assertEquals(0, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(1, number(c, CATEGORY_PRODUCTS, other));
        assertEquals(900, number(c, MERCHANT_STOCK_VALUE, merchant));
        assertEquals(0, number(c, MERCHANT_CATEGORY_PRODUCTS, category));
    }

    @Test
    void shouldAddAReviewWithoutCountingAProduct() throws Exception {
        stats.add(c, Contribution.review(category, merchant, 4));

        assertEquals(0, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(4, number(c, "SELECT rating_sum FROM aggregation.merchant_stat WHERE merchant_id = ?", merchant));
        assertEquals(-1, number(c, MERCHANT_CATEGORY_PRODUCTS, category));
    }

    /** A live category under {@code parent} (null: a root), with its stored summary. */
    private UUID category(UUID parent) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aggregation.category (id, parent_id, slug, name, "
                + "path, version) VALUES (?, ?, ?, 'C', '[]', 0)")) {
            s.setObject(1, id);
            s.setObject(2, parent);
            s.setString(3, "c-" + id);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT aggregation.refresh_category_summaries(ARRAY[?::uuid])")) {
            s.setObject(1, id);
            s.execute();
        }
        return id;
    }
}
