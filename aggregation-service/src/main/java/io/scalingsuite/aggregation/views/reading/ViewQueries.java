package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import com.fasterxml.jackson.databind.util.RawValue;

/** Reads of the precomputed views: each a primary-key read or a short index range, never an aggregate or a scan. */
@ApplicationScoped
public class ViewQueries {

    /** The ids of the categories a card embeds: its path's, or only its own while the category is unknown. */
    private static final String CARD_CATEGORIES = "coalesce((SELECT string_agg(e->>'id', ',') FROM "
            + "jsonb_array_elements(card->'category'->'path') e), category_id::text)";

    /** The stored summary's columns (V7); top_products is the rendered list, served as it is. */
    static final String CATEGORY_SUMMARY = "SELECT product_count, in_stock_count, price_sum, review_count, "
            + "rating_sum, version, updated_at, min_price_cents, max_price_cents, top_products::text "
            + "FROM aggregation.category_summary WHERE category_id = ?";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final MerchantCategoryCounts categoryCounts;

    public ViewQueries(DataSource dataSource, ObjectMapper mapper, MerchantCategoryCounts categoryCounts) {
        this.dataSource = dataSource;
        this.mapper = mapper;
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
     * The category's stored summary (V7): sums of the category and all its descendants, price extremes and the top
     * 10 by rating, which the writers keep; one primary-key read. {@code version} is the sum of the subtree's
     * per-category change counters: it grows with each change inside the subtree but drops when a category leaves
     * it, so the ETag is a digest of the body, not this number.
     */
    public Optional<View> categorySummary(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CATEGORY_SUMMARY)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long products = rs.getLong(1);
                ObjectNode summary = mapper.createObjectNode().put("categoryId", id.toString())
                        .put("productCount", products).put("inStockCount", rs.getLong(2))
                        .put("minPriceCents", rs.getObject(8, Long.class))
                        .put("maxPriceCents", rs.getObject(9, Long.class));
                summary.put("avgPriceCents", products == 0 ? null : Math.round((double) rs.getLong(3) / products));
                summary.put("avgRating", average(rs.getLong(5), rs.getLong(4)));
                summary.put("reviewCount", rs.getLong(4));
                summary.putRawValue("topProducts", new RawValue(rs.getString(10)));
                summary.put("version", rs.getLong(6));
                summary.put("updatedAt", rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString());
                return Optional.of(View.digested(mapper.writeValueAsString(summary)));
            }
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

    private static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
