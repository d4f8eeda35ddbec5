package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.ReviewState;

/**
 * Applies ReviewAdded: the product's rating and its three newest reviews, and the review sums of its category
 * and merchant. A review that arrives before its product is parked and applied when the product does.
 */
@ApplicationScoped
public class ReviewViewWriter {

    private static final int RECENT = 3;

    private final StatsWriter stats;
    private final CardBuilder cards;
    private final ObjectMapper mapper;

    public ReviewViewWriter(StatsWriter stats, CardBuilder cards, ObjectMapper mapper) {
        this.stats = stats;
        this.cards = cards;
        this.mapper = mapper;
    }

    public Outcome add(Connection c, CatalogEvent<ReviewState> event) throws SQLException {
        return add(c, event.eventId(), event.payload());
    }

    private Outcome add(Connection c, UUID eventId, ReviewState review) throws SQLException {
        UUID productId = review.productId();
        try (PreparedStatement s = c.prepareStatement("SELECT deleted, category_id, merchant_id, review_count, "
                + "rating_sum, card::text FROM aggregation.product_card WHERE product_id = ? FOR UPDATE")) {
            s.setObject(1, productId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    park(c, eventId, productId, review);
                    return Outcome.PARKED;
                }
                if (rs.getBoolean(1)) {
                    return Outcome.IGNORED;
                }
                ObjectNode normalized = cards.review(review);
                if (!record(c, review, normalized)) {
                    return Outcome.DUPLICATE;
                }
                int rating = review.rating();
                long count = rs.getLong(4) + 1;
                long sum = rs.getLong(5) + rating;
                ObjectNode card = (ObjectNode) cards.read(rs.getString(6));
                cards.rate(card, count, sum);
                card.set("recentReviews", newest((ArrayNode) card.get("recentReviews"), normalized));
                update(c, productId, count, sum, card);
                stats.add(c, Contribution.review(rs.getObject(2, UUID.class), rs.getString(3), rating));
                return Outcome.APPLIED;
            }
        }
    }

    /** Applies, in arrival order, the reviews that were waiting for this product. */
    void applyParked(Connection c, UUID productId) throws SQLException {
        List<ReviewState> parked = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM aggregation.parked_event WHERE product_id = ? "
                + "RETURNING event_id, fields::text")) {
            s.setObject(1, productId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    parked.add(parked(rs.getString(2)));
                }
            }
        }
        for (int i = 0; i < parked.size(); i++) {
            add(c, ids.get(i), parked.get(i));
        }
    }

    /** Remembers the review; false when it was seen before (a redelivery, or already in a rebuild's snapshot). */
    private boolean record(Connection c, ReviewState review, JsonNode doc) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aggregation.review (review_id, product_id, rating, "
                + "created_at, doc) VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
            s.setObject(1, review.id());
            s.setObject(2, review.productId());
            s.setInt(3, review.rating());
            s.setObject(4, java.time.OffsetDateTime.ofInstant(review.createdAt(), java.time.ZoneOffset.UTC));
            s.setString(5, cards.write(doc));
            return s.executeUpdate() == 1;
        }
    }

    private void park(Connection c, UUID eventId, UUID productId, ReviewState review) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aggregation.parked_event (event_id, product_id, "
                + "fields) VALUES (?, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
            s.setObject(1, eventId);
            s.setObject(2, productId);
            s.setString(3, mapper.writeValueAsString(review));
            s.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parked review: the payload as {@link #park} stored it. */
    private ReviewState parked(String json) {
        try {
            return mapper.readValue(json, ReviewState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Parked review is not a ReviewAdded payload", e);
        }
    }

    private void update(Connection c, UUID productId, long count, long sum, ObjectNode card) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE aggregation.product_card SET review_count = ?, "
                + "rating_sum = ?, card = ?::jsonb, updated_at = now() WHERE product_id = ?")) {
            s.setLong(1, count);
            s.setLong(2, sum);
            s.setString(3, cards.write(card));
            s.setObject(4, productId);
            s.executeUpdate();
        }
    }

    /** The three newest reviews (by createdAt, then id) once this one is among them. */
    private static ArrayNode newest(ArrayNode recent, JsonNode review) {
        List<JsonNode> all = new ArrayList<>();
        recent.forEach(all::add);
        all.add(review);
        all.sort((a, b) -> {
            int byTime = CardBuilder.instant(b.get("createdAt").asText())
                    .compareTo(CardBuilder.instant(a.get("createdAt").asText()));
            // Lowercase UUID text orders like PostgreSQL's uuid type (bytewise), unlike UUID.compareTo.
            return byTime != 0 ? byTime : b.get("id").asText().compareTo(a.get("id").asText());
        });
        ArrayNode result = recent.arrayNode();
        all.stream().limit(RECENT).forEach(result::add);
        return result;
    }
}
