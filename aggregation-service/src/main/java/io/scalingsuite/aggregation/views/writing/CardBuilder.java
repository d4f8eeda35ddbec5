package io.scalingsuite.aggregation.views.writing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/** Composes the product card document: the product, its category path and its rating, in one JSON object. */
@ApplicationScoped
public class CardBuilder {

    private final ObjectMapper mapper;

    public CardBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The card of a product whose embedded category is already known. */
    public ObjectNode card(ProductState product, ObjectNode category, long reviews, long ratingSum, ArrayNode recent,
            long version, Instant fallbackUpdatedAt) {
        ObjectNode card = mapper.createObjectNode().put("id", text(product.id())).put("sku", product.sku())
                .put("name", product.name()).put("priceCents", product.priceCents())
                .put("currency", product.currency()).put("stock", product.stock())
                .put("merchantId", product.merchantId());
        card.set("category", category);
        rate(card, reviews, ratingSum);
        card.set("recentReviews", recent == null ? mapper.createArrayNode() : recent);
        card.put("version", version);
        card.put("updatedAt", CANONICAL.format(product.updatedAt() != null ? product.updatedAt() : fallbackUpdatedAt));
        return card;
    }

    /** The review as the card and the review table keep it: its fields, {@code createdAt} in canonical form. */
    public ObjectNode review(ReviewState review) {
        return mapper.createObjectNode().put("id", text(review.id())).put("productId", text(review.productId()))
                .put("rating", review.rating()).put("title", review.title()).put("body", review.body())
                .put("createdAt", CANONICAL.format(review.createdAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /**
     * Microsecond UTC timestamps, always six digits: catalog's export writes the same form, so an incremental build
     * and a rebuild compare equal.
     */
    private static final java.time.format.DateTimeFormatter CANONICAL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** Parses ISO-8601 with {@code Z} or an offset. */
    public static Instant instant(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    public void rate(ObjectNode card, long reviews, long ratingSum) {
        ObjectNode rating = card.putObject("rating");
        if (reviews == 0) {
            rating.putNull("average");
        } else {
            rating.put("average", BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(reviews), 2,
                    RoundingMode.HALF_UP));
        }
        rating.put("count", reviews);
    }

    /** The category as a card embeds it, and the path version of that form (0 for only the id). */
    public record EmbeddedCategory(ObjectNode form, long pathVersion) {
    }

    /**
     * The category as the card embeds it; only the id while the category's own event has not arrived (or after it
     * was deleted). The row is read {@code FOR SHARE}: a category change that rewrites it (a rename above it) waits
     * for this transaction, or this read waits for the change and sees it, so a card written here is never older
     * than the change while the change's fan-out has already passed it. One statement per event, form and version
     * together.
     */
    public EmbeddedCategory category(Connection c, UUID id) throws SQLException {
        ObjectNode category = mapper.createObjectNode().put("id", id.toString());
        try (PreparedStatement s = c.prepareStatement("SELECT slug, name, path::text, path_version"
                + " FROM aggregation.category WHERE id = ? AND NOT deleted FOR SHARE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    category.put("slug", rs.getString(1)).put("name", rs.getString(2));
                    category.set("path", read(rs.getString(3)));
                    return new EmbeddedCategory(category, rs.getLong(4));
                }
            }
        }
        return new EmbeddedCategory(category, 0);
    }

    public JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored view is not JSON", e);
        }
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
