package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The category summary as it was computed at read time before the summaries were stored (V7): the subtree's sums
 * from category_stat, its extremes and its top 10 from index probes per category. The reference the stored
 * summaries must equal, byte for byte.
 */
public final class ReadTimeSummary {

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public ReadTimeSummary(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** The summary's JSON; empty when the category is unknown or deleted. */
    public Optional<String> json(UUID id) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection()) {
            Array subtree = Subtree.of(c, id);
            if (subtree == null) {
                return Optional.empty();
            }
            ObjectNode summary = mapper.createObjectNode().put("categoryId", id.toString());
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
                    summary.set("topProducts", top(c, subtree));
                    summary.put("version", rs.getLong(6));
                    summary.put("updatedAt",
                            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString());
                }
            }
            return Optional.of(mapper.writeValueAsString(summary));
        }
    }

    private ArrayNode top(Connection c, Array subtree) throws SQLException {
        ArrayNode items = mapper.createArrayNode();
        try (PreparedStatement s = c.prepareStatement(TopProducts.FIRST)) {
            s.setArray(1, subtree);
            s.setInt(2, 11);
            s.setInt(3, 11);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && items.size() < 10) {
                    BigDecimal rating = rs.getBigDecimal(4);
                    items.addObject().put("id", rs.getString(1)).put("name", rs.getString(2))
                            .put("priceCents", rs.getLong(3))
                            .put("avgRating", rating == null ? null : rating.setScale(2, RoundingMode.HALF_UP))
                            .put("reviewCount", rs.getLong(5));
                }
            }
        }
        return items;
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

    private static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
