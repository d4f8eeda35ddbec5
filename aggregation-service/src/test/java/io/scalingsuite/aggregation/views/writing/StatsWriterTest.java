package io.scalingsuite.aggregation.views.writing;

import static io.scalingsuite.aggregation.views.writing.WriterFixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Category and merchant sums move by deltas; each test runs in a transaction it rolls back. */
@QuarkusTest
class StatsWriterTest extends InRolledBackTransaction {

    private static final String CATEGORY_PRODUCTS = "SELECT product_count FROM aggregation.category_stat "
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
    void shouldMoveAProductBetweenCategoriesByDeltas() throws Exception {
        UUID other = UUID.randomUUID();
        Contribution before = Contribution.of(category, merchant, 250, 3, 0, 0);
        stats.add(c, before);

        stats.add(c, before.negate());
        stats.add(c, Contribution.of(other, merchant, 300, 3, 0, 0));

        assertEquals(0, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(1, number(c, CATEGORY_PRODUCTS, other));
        assertEquals(900, number(c, MERCHANT_STOCK_VALUE, merchant));
    }

    @Test
    void shouldAddAReviewWithoutCountingAProduct() throws Exception {
        stats.add(c, Contribution.review(category, merchant, 4));

        assertEquals(0, number(c, CATEGORY_PRODUCTS, category));
        assertEquals(4, number(c, "SELECT rating_sum FROM aggregation.merchant_stat WHERE merchant_id = ?", merchant));
        assertEquals(-1, number(c, "SELECT product_count FROM aggregation.merchant_category WHERE category_id = ?",
                category));
    }
}
