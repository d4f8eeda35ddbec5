package io.scalingsuite.aggregation.views.reading;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A card's place in the rating order, best first: average rating (unrated as -1, so last), review count, product
 * id, all descending. One row comparison in that order seeks an index on the same expressions (V3's
 * product_card_rating_idx and product_card_category_rating_key_idx), so a page starts where the last one ended.
 */
record RatingKey(BigDecimal rating, long reviews, UUID id) {

    /** The key, as the index holds it. */
    static final String COLUMNS = "(coalesce(avg_rating, -1), review_count, product_id)";
    /** The order of the index, of the key's columns. */
    static final String ORDER = "coalesce(avg_rating, -1) DESC, review_count DESC, product_id DESC";

    static RatingKey of(BigDecimal rating, long reviews, String id) {
        return new RatingKey(rating == null ? BigDecimal.ONE.negate() : rating, reviews, UUID.fromString(id));
    }

    /** The key of a cursor's three parts; null for none. */
    static RatingKey parse(String[] parts) {
        return parts == null ? null
                : new RatingKey(Cursors.part(parts[0], BigDecimal::new), Cursors.part(parts[1], Long::parseLong),
                        Cursors.part(parts[2], UUID::fromString));
    }

    Object[] parts() {
        return new Object[] { rating.toPlainString(), reviews, id };
    }

    /** Binds the key to three consecutive parameters from {@code first}. */
    void bind(PreparedStatement s, int first) throws SQLException {
        s.setBigDecimal(first, rating);
        s.setLong(first + 1, reviews);
        s.setObject(first + 2, id);
    }
}
