package io.scalingsuite.aggregation.views.writing;

import static io.scalingsuite.aggregation.views.writing.WriterFixtures.number;
import static io.scalingsuite.aggregation.views.writing.WriterFixtures.productCreated;
import static io.scalingsuite.aggregation.views.writing.WriterFixtures.reviewAdded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A review that arrives before its product waits, parked, and is applied when the product arrives. */
@QuarkusTest
class ReviewViewWriterTest extends InRolledBackTransaction {

    private static final String PARKED = "SELECT count(*) FROM aggregation.parked_event WHERE product_id = ?";
    private static final String REVIEWS = "SELECT review_count FROM aggregation.product_card WHERE product_id = ?";

    @Inject
    ReviewViewWriter reviews;

    @Inject
    ProductViewWriter products;

    private final UUID product = UUID.randomUUID();
    private final UUID category = UUID.randomUUID();

    @Test
    void shouldParkAReviewOfAProductNotSeenYet() throws Exception {
        assertEquals(Outcome.PARKED, reviews.add(c, reviewAdded(product, 4)));

        assertEquals(1, number(c, PARKED, product));
        assertEquals(-1, number(c, REVIEWS, product));
    }

    @Test
    void shouldApplyParkedReviewsWhenTheirProductArrives() throws Exception {
        reviews.add(c, reviewAdded(product, 4));
        reviews.add(c, reviewAdded(product, 2));

        products.upsert(c, productCreated(product, category, "acme"), "1-0");

        assertEquals(0, number(c, PARKED, product));
        assertEquals(2, number(c, REVIEWS, product));
        assertEquals(6, number(c, "SELECT rating_sum FROM aggregation.category_stat WHERE category_id = ?",
                category));
    }

    @Test
    void shouldApplyAReviewOfAKnownProductAtOnce() throws Exception {
        products.upsert(c, productCreated(product, category, "acme"), "1-0");

        assertEquals(Outcome.APPLIED, reviews.add(c, reviewAdded(product, 5)));

        assertEquals(1, number(c, REVIEWS, product));
        assertEquals(0, number(c, PARKED, product));
    }
}
