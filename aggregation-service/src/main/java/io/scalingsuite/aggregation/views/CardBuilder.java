package io.scalingsuite.aggregation.views;

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

/** Composes the product card document: the product, its category path and its rating, in one JSON object. */
@ApplicationScoped
public class CardBuilder {

    private final ObjectMapper mapper;

    public CardBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode card(Connection c, JsonNode product, long reviews, long ratingSum, ArrayNode recent,
            long version, Instant updatedAt) throws SQLException {
        return card(product, category(c, UUID.fromString(product.get("categoryId").asText())), reviews, ratingSum,
                recent, version, updatedAt);
    }

    /** The card of a product whose embedded category is already known. */
    public ObjectNode card(JsonNode product, ObjectNode category, long reviews, long ratingSum, ArrayNode recent,
            long version, Instant fallbackUpdatedAt) {
        ObjectNode card = mapper.createObjectNode();
        for (String field : new String[] { "id", "sku", "name", "priceCents", "currency", "stock", "merchantId" }) {
            card.set(field, product.get(field));
        }
        card.set("category", category);
        rate(card, reviews, ratingSum);
        card.set("recentReviews", recent == null ? mapper.createArrayNode() : recent);
        card.put("version", version);
        card.put("updatedAt", product.hasNonNull("updatedAt") ? canonical(product.get("updatedAt").asText())
                : CANONICAL.format(fallbackUpdatedAt));
        return card;
    }

    /** Microsecond UTC timestamps, always six digits: catalog's export writes the same form. */
    private static final java.time.format.DateTimeFormatter CANONICAL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** Parses ISO-8601 with {@code Z} or an offset. */
    public static Instant instant(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    /** One form for every stored timestamp, so an incremental build and a rebuild compare equal. */
    public static String canonical(String text) {
        return CANONICAL.format(instant(text));
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

    /** The category as the card embeds it; only the id while the category's own event has not arrived. */
    public ObjectNode category(Connection c, UUID id) throws SQLException {
        ObjectNode category = mapper.createObjectNode().put("id", id.toString());
        try (PreparedStatement s = c.prepareStatement(
                "SELECT slug, name, path::text FROM aggregation.category WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    category.put("slug", rs.getString(1)).put("name", rs.getString(2));
                    category.set("path", read(rs.getString(3)));
                }
            }
        }
        return category;
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
