package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads of the precomputed views: each a primary-key read or a handful of index probes, never a scan. */
@ApplicationScoped
public class ViewQueries {

    /**
     * A view document, the version its ETag is made of, and the categories whose change alters it (a card: every
     * category of its path).
     */
    public record View(long version, String json, List<UUID> categories) {
        public View(long version, String json) {
            this(version, json, List.of());
        }
    }

    /** A deleted category has no summary; UNION (not ALL) ends at a cycle that out-of-order moves can leave. */
    private static final String SUBTREE = "WITH RECURSIVE sub AS (SELECT id FROM aggregation.category WHERE id = ? "
            + "AND NOT deleted UNION SELECT c.id FROM aggregation.category c JOIN sub ON c.parent_id = sub.id "
            + "WHERE NOT c.deleted) SELECT array_agg(id) FROM sub";

    /** The ids of the categories a card embeds: its path's, or only its own while the category is unknown. */
    private static final String CARD_CATEGORIES = "coalesce((SELECT string_agg(e->>'id', ',') FROM "
            + "jsonb_array_elements(card->'category'->'path') e), category_id::text)";

    private static final String TOP = "SELECT x.product_id, x.name, x.price_cents, x.avg_rating, x.review_count "
            + "FROM unnest(?::uuid[]) AS c(id), LATERAL (SELECT product_id, name, price_cents, avg_rating, review_count "
            + "FROM aggregation.product_card p WHERE p.category_id = c.id AND NOT p.deleted "
            + "ORDER BY avg_rating DESC NULLS LAST, review_count DESC, product_id LIMIT ?) x "
            + "ORDER BY x.avg_rating DESC NULLS LAST, x.review_count DESC, x.product_id LIMIT ?";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public ViewQueries(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public Optional<View> productCard(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT version, (card || jsonb_build_object('streamPosition', stream_id))::text, " + CARD_CATEGORIES
                        + " FROM aggregation.product_card WHERE product_id = ? AND NOT deleted")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<UUID> categories = Arrays.stream(rs.getString(3).split(",")).map(UUID::fromString).toList();
                return Optional.of(new View(rs.getLong(1), rs.getString(2), categories));
            }
        }
    }

    /** Sums of the category and all its descendants, with price extremes and the top 10 by rating. */
    public Optional<View> categorySummary(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Array subtree = subtree(c, id);
            if (subtree == null) {
                return Optional.empty();
            }
            ObjectNode summary = mapper.createObjectNode().put("categoryId", id.toString());
            long version = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(product_count), 0), "
                    + "coalesce(sum(in_stock_count), 0), coalesce(sum(price_sum), 0), coalesce(sum(review_count), 0), "
                    + "coalesce(sum(rating_sum), 0), coalesce(sum(version), 0), max(updated_at) "
                    + "FROM aggregation.category_stat WHERE category_id = ANY (?)")) {
                s.setArray(1, subtree);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long products = rs.getLong(1);
                    summary.put("productCount", products).put("inStockCount", rs.getLong(2));
                    extremes(c, subtree, summary);
                    summary.put("avgPriceCents", products == 0 ? null : Math.round((double) rs.getLong(3) / products));
                    summary.put("avgRating", average(rs.getLong(5), rs.getLong(4)));
                    summary.put("reviewCount", rs.getLong(4));
                    version = rs.getLong(6);
                    summary.set("topProducts", top(c, subtree, 10));
                    summary.put("version", version);
                    summary.put("updatedAt",
                            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString());
                }
            }
            return Optional.of(new View(version, mapper.writeValueAsString(summary)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<View> merchantSummary(String merchantId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT product_count,"
                + " stock_value_cents, review_count, rating_sum, version FROM aggregation.merchant_stat "
                + "WHERE merchant_id = ?")) {
            s.setString(1, merchantId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode summary = mapper.createObjectNode().put("merchantId", merchantId)
                        .put("productCount", rs.getLong(1)).put("stockValueCents", rs.getLong(2))
                        .put("avgRating", average(rs.getLong(4), rs.getLong(3)));
                ObjectNode counts = summary.putObject("categoryCounts");
                try (PreparedStatement q = c.prepareStatement("SELECT category_id, product_count FROM "
                        + "aggregation.merchant_category WHERE merchant_id = ? AND product_count > 0 ORDER BY 1")) {
                    q.setString(1, merchantId);
                    try (ResultSet row = q.executeQuery()) {
                        while (row.next()) {
                            counts.put(row.getString(1), row.getLong(2));
                        }
                    }
                }
                summary.put("version", rs.getLong(5));
                return Optional.of(new View(rs.getLong(5), summary.toString()));
            }
        }
    }

    private static Array subtree(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SUBTREE)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getArray(1) : null;
            }
        }
    }

    private static void extremes(Connection c, Array subtree, ObjectNode summary) throws SQLException {
        for (String[] end : new String[][] { { "minPriceCents", "ASC", "min" }, { "maxPriceCents", "DESC", "max" } }) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + end[2] + "(x.p) FROM unnest(?::uuid[]) AS c(id), "
                    + "LATERAL (SELECT price_cents p FROM aggregation.product_card WHERE category_id = c.id "
                    + "AND NOT deleted ORDER BY price_cents " + end[1] + " LIMIT 1) x")) {
                s.setArray(1, subtree);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long value = rs.getLong(1);
                    summary.put(end[0], rs.wasNull() ? null : value);
                }
            }
        }
    }

    /** The best-rated products of a category and its descendants; empty when the category is unknown. */
    public Optional<ArrayNode> topProducts(UUID categoryId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Array subtree = subtree(c, categoryId);
            return subtree == null ? Optional.empty() : Optional.of(top(c, subtree, limit));
        }
    }

    private ArrayNode top(Connection c, Array subtree, int limit) throws SQLException {
        ArrayNode top = mapper.createArrayNode();
        try (PreparedStatement s = c.prepareStatement(TOP)) {
            s.setArray(1, subtree);
            s.setInt(2, limit);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    top.addObject().put("id", rs.getString(1)).put("name", rs.getString(2))
                            .put("priceCents", rs.getLong(3))
                            .put("avgRating", rs.getBigDecimal(4) == null ? null
                                    : rs.getBigDecimal(4).setScale(2, RoundingMode.HALF_UP))
                            .put("reviewCount", rs.getLong(5));
                }
            }
        }
        return top;
    }

    private static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
