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

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The best-rated products of a category and its descendants, in keyset pages of the rating order
 * ({@link RatingKey}). A page is one query: per category of the subtree, an index probe that seeks past the cursor
 * and stops after a page (LATERAL ... LIMIT), then the merge of those short runs. Every category's run holds its
 * own next rows in the global order, so the merged page is exactly the next rows of the whole subtree.
 */
@ApplicationScoped
public class TopProducts {

    private static final String PAGE = "SELECT x.product_id, x.name, x.price_cents, x.avg_rating, x.review_count "
            + "FROM unnest(?::uuid[]) AS c(id), LATERAL (SELECT product_id, name, price_cents, avg_rating, "
            + "review_count FROM aggregation.product_card p WHERE p.category_id = c.id AND NOT p.deleted%s "
            + "ORDER BY " + RatingKey.ORDER + " LIMIT ?) x ORDER BY coalesce(x.avg_rating, -1) DESC, "
            + "x.review_count DESC, x.product_id DESC LIMIT ?";
    static final String FIRST = String.format(PAGE, "");
    static final String AFTER = String.format(PAGE, " AND " + RatingKey.COLUMNS + " < (?, ?, ?)");

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public TopProducts(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** {@code {categoryId, items, nextCursor}}; empty when the category is unknown or deleted. */
    public Optional<ObjectNode> page(UUID categoryId, int limit, String cursor) throws SQLException {
        String scope = "top:" + categoryId;
        RatingKey after = RatingKey.parse(Cursors.decode(cursor, scope, 3));
        try (Connection c = dataSource.getConnection()) {
            Array subtree = Subtree.of(c, categoryId);
            if (subtree == null) {
                return Optional.empty();
            }
            ObjectNode page = mapper.createObjectNode().put("categoryId", categoryId.toString());
            RatingKey next = read(c, subtree, after, limit, page.putArray("items"));
            page.put("nextCursor", next == null ? null : Cursors.encode(scope, next.parts()));
            return Optional.of(page);
        }
    }

    /** Adds up to {@code limit} products after {@code after} to items; the last one's key if more follow. */
    private static RatingKey read(Connection c, Array subtree, RatingKey after, int limit, ArrayNode items)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(after == null ? FIRST : AFTER)) {
            s.setArray(1, subtree);
            int next = 2;
            if (after != null) {
                after.bind(s, next);
                next += 3;
            }
            // One row more than a page, from each category and in all: whether another page follows.
            s.setInt(next, limit + 1);
            s.setInt(next + 1, limit + 1);
            RatingKey last = null;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == limit) {
                        return last;
                    }
                    BigDecimal rating = rs.getBigDecimal(4);
                    items.addObject().put("id", rs.getString(1)).put("name", rs.getString(2))
                            .put("priceCents", rs.getLong(3))
                            .put("avgRating", rating == null ? null : rating.setScale(2, RoundingMode.HALF_UP))
                            .put("reviewCount", rs.getLong(5));
                    last = RatingKey.of(rating, rs.getLong(5), rs.getString(1));
                }
            }
            return null;
        }
    }
}
