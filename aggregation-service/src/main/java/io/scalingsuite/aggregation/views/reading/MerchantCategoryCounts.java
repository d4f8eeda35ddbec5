package io.scalingsuite.aggregation.views.reading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A merchant's product count per category, in keyset pages by category id: a merchant may sell in thousands of
 * categories, so neither its summary nor one answer holds them all. Each page is one range read of the primary key
 * (merchant_id, category_id).
 */
@ApplicationScoped
public class MerchantCategoryCounts {

    /** How many counts a merchant summary embeds; the rest are a cursor away. */
    public static final int IN_SUMMARY = 100;

    private static final String FIRST = "SELECT category_id, product_count FROM aggregation.merchant_category "
            + "WHERE merchant_id = ? AND product_count > 0 ORDER BY category_id LIMIT ?";
    private static final String AFTER = "SELECT category_id, product_count FROM aggregation.merchant_category "
            + "WHERE merchant_id = ? AND category_id > ? AND product_count > 0 ORDER BY category_id LIMIT ?";

    /** Receives a page's counts in category id order. */
    interface Sink {
        void add(String categoryId, long count);
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public MerchantCategoryCounts(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** {@code {merchantId, items: [{categoryId, productCount}], nextCursor}}; empty for a merchant never seen. */
    public Optional<ObjectNode> page(String merchantId, int limit, String cursor) throws SQLException {
        String[] after = Cursors.decode(cursor, scope(merchantId), 1);
        UUID from = after == null ? null : Cursors.part(after[0], UUID::fromString);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM aggregation.merchant_stat WHERE merchant_id = ?")) {
                s.setString(1, merchantId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            ObjectNode page = mapper.createObjectNode().put("merchantId", merchantId);
            var items = page.putArray("items");
            String next = read(c, merchantId, from, limit,
                    (category, count) -> items.addObject().put("categoryId", category).put("productCount", count));
            return Optional.of(page.put("nextCursor", next));
        }
    }

    /** Hands the first {@code limit} counts after {@code from} to sink; the next page's cursor, or null. */
    String read(Connection c, String merchantId, UUID from, int limit, Sink sink) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(from == null ? FIRST : AFTER)) {
            int i = 1;
            s.setString(i++, merchantId);
            if (from != null) {
                s.setObject(i++, from);
            }
            s.setInt(i, limit + 1);
            try (ResultSet rs = s.executeQuery()) {
                String last = null;
                for (int rows = 0; rs.next(); rows++) {
                    if (rows == limit) {
                        return Cursors.encode(scope(merchantId), last);
                    }
                    last = rs.getString(1);
                    sink.add(last, rs.getLong(2));
                }
                return null;
            }
        }
    }

    private static String scope(String merchantId) {
        return "merchant-categories:" + merchantId;
    }
}
