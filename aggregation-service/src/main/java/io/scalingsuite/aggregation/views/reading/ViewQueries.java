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
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads of the precomputed views: each a primary-key read or a handful of index probes, never a scan. */
@ApplicationScoped
public class ViewQueries {

    /** The ids of the categories a card embeds: its path's, or only its own while the category is unknown. */
    private static final String CARD_CATEGORIES = "coalesce((SELECT string_agg(e->>'id', ',') FROM "
            + "jsonb_array_elements(card->'category'->'path') e), category_id::text)";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final TopProducts top;
    private final MerchantCategoryCounts categoryCounts;

    public ViewQueries(DataSource dataSource, ObjectMapper mapper, TopProducts top,
            MerchantCategoryCounts categoryCounts) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.top = top;
        this.categoryCounts = categoryCounts;
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
                return Optional.of(View.versioned(rs.getLong(1), rs.getString(2), categories));
            }
        }
    }

    /**
     * Sums of the category and all its descendants, with price extremes and the top 10 by rating. {@code version}
     * is the sum of the subtree's per-category change counters: it grows with each change inside the subtree but
     * drops when a category leaves it, so the ETag is a digest of the body, not this number.
     */
    public Optional<View> categorySummary(UUID id) throws SQLException {
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
                    summary.set("topProducts", top.first(c, subtree, 10));
                    summary.put("version", rs.getLong(6));
                    summary.put("updatedAt",
                            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString());
                }
            }
            return Optional.of(View.digested(mapper.writeValueAsString(summary)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The merchant's sums and its first {@link MerchantCategoryCounts#IN_SUMMARY} category counts. */
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
                summary.put("categoryCountsNextCursor", categoryCounts.read(c, merchantId, null,
                        MerchantCategoryCounts.IN_SUMMARY, counts::put));
                summary.put("version", rs.getLong(5));
                // Not the version: a rebuild starts it again at 1, so an old ETag could name new content.
                return Optional.of(View.digested(summary.toString()));
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

    private static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
