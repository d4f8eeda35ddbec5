package io.scalingsuite.aggregation.views.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/** The card document, built without a database from a product, its category and its review sums. */
class CardBuilderTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-03-01T12:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final CardBuilder cards = new CardBuilder(mapper);

    private static ProductState product(Instant updatedAt) {
        return new ProductState(UUID.fromString("0190a1b2-0000-7000-8000-000000000001"), "SKU-1", "Lamp", "bright",
                2_500, "EUR", UUID.randomUUID(), "acme", 4, Map.of("color", "red"), 3, EVENT_TIME, updatedAt);
    }

    private ObjectNode card(ProductState product, long reviews, long ratingSum) {
        return cards.card(product, mapper.createObjectNode().put("id", product.categoryId().toString()), reviews,
                ratingSum, null, 3, EVENT_TIME);
    }

    @Test
    void shouldShowOnlyTheProductFieldsOfACard() {
        ObjectNode card = card(product(EVENT_TIME), 0, 0);

        assertEquals("0190a1b2-0000-7000-8000-000000000001", card.get("id").asText());
        assertEquals(2_500, card.get("priceCents").asLong());
        assertEquals("acme", card.get("merchantId").asText());
        assertFalse(card.has("description"));
        assertFalse(card.has("attributes"));
    }

    @Test
    void shouldAverageRatingsToTwoDecimals() {
        ObjectNode rating = (ObjectNode) card(product(EVENT_TIME), 3, 10).get("rating");

        assertEquals("3.33", rating.get("average").decimalValue().toPlainString());
        assertEquals(3, rating.get("count").asLong());
    }

    @Test
    void shouldLeaveTheAverageEmptyWithoutReviews() {
        ObjectNode rating = (ObjectNode) card(product(EVENT_TIME), 0, 0).get("rating");

        assertTrue(rating.get("average").isNull());
        assertEquals(0, rating.get("count").asLong());
    }

    @Test
    void shouldWriteUpdatedAtWithSixFractionDigits() {
        ObjectNode card = card(product(Instant.parse("2026-01-02T03:04:05.5Z")), 0, 0);

        assertEquals("2026-01-02T03:04:05.500000Z", card.get("updatedAt").asText());
    }

    @Test
    void shouldFallBackToTheEventTimeWithoutUpdatedAt() {
        ObjectNode card = card(product(null), 0, 0);

        assertEquals("2026-03-01T12:00:00.000000Z", card.get("updatedAt").asText());
    }

    @Test
    void shouldStartWithNoRecentReviews() {
        assertEquals(0, card(product(EVENT_TIME), 0, 0).get("recentReviews").size());
    }

    @Test
    void shouldKeepAReviewWithCanonicalCreatedAt() {
        ReviewState review = new ReviewState(UUID.randomUUID(), UUID.randomUUID(), 4, "good", null,
                Instant.parse("2026-01-01T00:00:00Z"));

        ObjectNode doc = cards.review(review);

        assertEquals("2026-01-01T00:00:00.000000Z", doc.get("createdAt").asText());
        assertEquals(4, doc.get("rating").asInt());
        assertTrue(doc.get("body").isNull());
    }
}
