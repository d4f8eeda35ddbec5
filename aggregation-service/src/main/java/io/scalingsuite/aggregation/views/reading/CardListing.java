package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keyset pages of product cards by price (ascending) or rating (best first, unrated last), optionally within one
 * category: the listing the gateway prefers once the catalog is sharded, since it needs no fan-out. Cursors are
 * opaque and bound to their filter and sort.
 */
@ApplicationScoped
public class CardListing {

    /** A cursor that does not belong to this listing. */
    public static class BadCursor extends RuntimeException {
        BadCursor() {
            super("is not a cursor issued for this listing; start again without it", null, false, false);
        }
    }

    private static final String COLUMNS = "SELECT product_id, name, price_cents, stock, merchant_id, category_id, "
            + "avg_rating, review_count FROM aggregation.product_card WHERE NOT deleted";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public CardListing(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public ObjectNode page(UUID categoryId, boolean byRating, int limit, String cursor) throws SQLException {
        String scope = (categoryId == null ? "" : categoryId.toString()) + (byRating ? ":rating" : ":price");
        String[] after = decode(cursor, scope);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(COLUMNS);
        if (categoryId != null) {
            sql.append(" AND category_id = ?");
            params.add(categoryId);
        }
        String key = byRating ? "(coalesce(avg_rating, -1), review_count, product_id)" : "(price_cents, product_id)";
        if (after != null) {
            sql.append(" AND ").append(key).append(byRating ? " < (?, ?, ?)" : " > (?, ?)");
            if (byRating) {
                params.add(new BigDecimal(after[0]));
                params.add(Long.parseLong(after[1]));
            } else {
                params.add(Long.parseLong(after[0]));
            }
            params.add(UUID.fromString(after[after.length - 1]));
        }
        sql.append(byRating ? " ORDER BY coalesce(avg_rating, -1) DESC, review_count DESC, product_id DESC"
                : " ORDER BY price_cents, product_id").append(" LIMIT ?");
        params.add(limit + 1);
        ArrayNode items = mapper.createArrayNode();
        String next = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                int rows = 0;
                while (rs.next() && rows++ < limit) {
                    BigDecimal rating = rs.getBigDecimal(7);
                    items.addObject().put("id", rs.getString(1)).put("name", rs.getString(2))
                            .put("priceCents", rs.getLong(3)).put("stock", rs.getInt(4))
                            .put("merchantId", rs.getString(5))
                            .put("categoryId", rs.getString(6))
                            .put("avgRating", rating == null ? null : rating.setScale(2, RoundingMode.HALF_UP))
                            .put("reviewCount", rs.getLong(8));
                    next = byRating ? (rating == null ? "-1" : rating.toPlainString()) + "|" + rs.getLong(8) + "|"
                            + rs.getString(1) : rs.getLong(3) + "|" + rs.getString(1);
                }
                ObjectNode page = mapper.createObjectNode();
                page.set("items", items);
                page.put("nextCursor", rows > limit ? encode(scope, next) : null);
                return page;
            }
        }
    }

    private static String encode(String scope, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String scope) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (cursor.length() > 300 || !raw.startsWith(scope + "|")) {
                throw new BadCursor();
            }
            String[] parts = raw.substring(scope.length() + 1).split("\\|");
            UUID.fromString(parts[parts.length - 1]);
            if (parts.length == 3) {
                new BigDecimal(parts[0]);
                Long.parseLong(parts[1]);
            } else if (parts.length == 2) {
                Long.parseLong(parts[0]);
            } else {
                throw new BadCursor();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new BadCursor();
        }
    }
}
