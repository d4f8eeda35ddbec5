package io.scalingsuite.aggregation.views.writing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

/**
 * A product as the category summaries count it: live or not, its category, and what its top-list entry shows. The
 * rating is the card's stored {@code avg_rating}, so comparisons here order exactly as PostgreSQL's index does.
 */
record Member(UUID id, UUID categoryId, boolean live, String name, long priceCents, BigDecimal rating,
        long reviews) {

    private static final BigDecimal UNRATED = BigDecimal.ONE.negate();

    static Member read(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT category_id, NOT deleted, name, price_cents, "
                + "avg_rating, review_count FROM aggregation.product_card WHERE product_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new Member(id, null, false, null, 0, null, 0);
                }
                return new Member(id, rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getLong(6));
            }
        }
    }

    /**
     * Positive when this product ranks above the key given, in the top list's order: {@code (coalesce(avg_rating,
     * -1), review_count, product_id)} descending; {@code rating} is already coalesced.
     */
    int compareTo(BigDecimal rating, long reviews, UUID id) {
        int byRating = (this.rating == null ? UNRATED : this.rating).compareTo(rating);
        if (byRating != 0) {
            return byRating;
        }
        int byReviews = Long.compare(this.reviews, reviews);
        return byReviews != 0 ? byReviews : CategoryFanout.compare(this.id, id);
    }

    /** Whether this product's top-list entry and key are those of {@code other}. */
    boolean sameEntry(Member other) {
        return Objects.equals(name, other.name) && priceCents == other.priceCents && reviews == other.reviews
                && coalescedRating().compareTo(other.coalescedRating()) == 0;
    }

    /** Its key as the summaries store a list's floor: the rating coalesced. */
    BigDecimal coalescedRating() {
        return rating == null ? UNRATED : rating;
    }
}
