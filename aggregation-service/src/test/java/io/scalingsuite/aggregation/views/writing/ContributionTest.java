package io.scalingsuite.aggregation.views.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What one product or one review adds to the category and merchant sums. */
class ContributionTest {

    private static final UUID CATEGORY = UUID.randomUUID();

    @Test
    void shouldCountAProductInStockOnlyWhenItHasStock() {
        assertEquals(1, Contribution.of(CATEGORY, "acme", 100, 2, 0, 0).inStock());
        assertEquals(0, Contribution.of(CATEGORY, "acme", 100, 0, 0, 0).inStock());
    }

    @Test
    void shouldValueStockAsPriceTimesUnits() {
        assertEquals(750, Contribution.of(CATEGORY, "acme", 250, 3, 0, 0).stockValueCents());
    }

    @Test
    void shouldCancelOutWhenNegated() {
        Contribution product = Contribution.of(CATEGORY, "acme", 250, 3, 2, 9);
        Contribution negated = product.negate();

        assertEquals(0, product.products() + negated.products());
        assertEquals(0, product.stockValueCents() + negated.stockValueCents());
        assertEquals(0, product.ratingSum() + negated.ratingSum());
    }

    @Test
    void shouldAddOneReviewAndNoProduct() {
        Contribution review = Contribution.review(CATEGORY, "acme", 4);

        assertEquals(0, review.products());
        assertEquals(1, review.reviews());
        assertEquals(4, review.ratingSum());
    }
}
