package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
        String[] after = Cursors.decode(cursor, scope, byRating ? 3 : 2);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(COLUMNS);
        if (categoryId != null) {
            sql.append(" AND category_id = ?");
            params.add(categoryId);
        }
        if (after != null && byRating) {
            RatingKey key = RatingKey.parse(after);
            sql.append(" AND ").append(RatingKey.COLUMNS).append(" < (?, ?, ?)");
            params.addAll(List.of(key.rating(), key.reviews(), key.id()));
        } else if (after != null) {
            sql.append(" AND (price_cents, product_id) > (?, ?)");
            params.add(Cursors.part(after[0], Long::parseLong));
            params.add(Cursors.part(after[1], UUID::fromString));
        }
        sql.append(byRating ? " ORDER BY " + RatingKey.ORDER : " ORDER BY price_cents, product_id").append(" LIMIT ?");
        params.add(limit + 1);
        ArrayNode items = mapper.createArrayNode();
        Object[] next = null;
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
                    next = byRating ? RatingKey.of(rating, rs.getLong(8), rs.getString(1)).parts()
                            : new Object[] { rs.getLong(3), rs.getString(1) };
                }
                ObjectNode page = mapper.createObjectNode();
                page.set("items", items);
                page.put("nextCursor", rows > limit ? Cursors.encode(scope, next) : null);
                return page;
            }
        }
    }
}
