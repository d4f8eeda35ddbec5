package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds a {@link Contribution} (or its negation) to the per-category and per-merchant sums, and to the stored summary
 * of every category whose subtree holds the category ({@link SummaryWriter} has locked those rows). A stat row's
 * {@code updated_at} never goes back, so a summary's (the latest of its subtree's) can move by {@code greatest}.
 */
@ApplicationScoped
public class StatsWriter {

    private static final String CATEGORY = """
            INSERT INTO aggregation.category_stat AS s
                (category_id, product_count, in_stock_count, price_sum, review_count, rating_sum, version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 1, now())
            ON CONFLICT (category_id) DO UPDATE SET
                product_count = s.product_count + EXCLUDED.product_count,
                in_stock_count = s.in_stock_count + EXCLUDED.in_stock_count,
                price_sum = s.price_sum + EXCLUDED.price_sum,
                review_count = s.review_count + EXCLUDED.review_count,
                rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                version = s.version + 1, updated_at = greatest(s.updated_at, now())""";

    /**
     * The summary rows are reached by their key from the walk's ids, never by a join with it: a join planned while the
     * summaries were a few pages scans them all, and a connection keeps that plan as every event grows them.
     */
    static final String SUMMARIES = """
            WITH RECURSIVE up (id, parent_id) AS (
                SELECT id, parent_id FROM aggregation.category WHERE id = ? AND NOT deleted
                UNION
                SELECT c.id, c.parent_id FROM up JOIN aggregation.category c ON c.id = up.parent_id
                WHERE NOT c.deleted)
            UPDATE aggregation.category_summary s SET product_count = s.product_count + ?,
                in_stock_count = s.in_stock_count + ?, price_sum = s.price_sum + ?,
                review_count = s.review_count + ?, rating_sum = s.rating_sum + ?,
                version = s.version + 1, updated_at = greatest(s.updated_at, now())
            WHERE s.category_id = ANY (ARRAY(SELECT id FROM up))""";

    private static final String MERCHANT = """
            INSERT INTO aggregation.merchant_stat AS s
                (merchant_id, product_count, stock_value_cents, review_count, rating_sum, version, updated_at)
            VALUES (?, ?, ?, ?, ?, 1, now())
            ON CONFLICT (merchant_id) DO UPDATE SET
                product_count = s.product_count + EXCLUDED.product_count,
                stock_value_cents = s.stock_value_cents + EXCLUDED.stock_value_cents,
                review_count = s.review_count + EXCLUDED.review_count,
                rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                version = s.version + 1, updated_at = now()""";

    private static final String MERCHANT_CATEGORY =
            """
            INSERT INTO aggregation.merchant_category AS s (merchant_id, category_id, product_count) VALUES (?, ?, ?)
            ON CONFLICT (merchant_id, category_id) DO UPDATE SET product_count = s.product_count + EXCLUDED.product_count""";

    public void add(Connection c, Contribution d) throws SQLException {
        addByCategory(c, CATEGORY, d);
        addByCategory(c, SUMMARIES, d);
        try (PreparedStatement s = c.prepareStatement(MERCHANT)) {
            s.setString(1, d.merchantId());
            s.setLong(2, d.products());
            s.setLong(3, d.stockValueCents());
            s.setLong(4, d.reviews());
            s.setLong(5, d.ratingSum());
            s.executeUpdate();
        }
        if (d.products() != 0) {
            try (PreparedStatement s = c.prepareStatement(MERCHANT_CATEGORY)) {
                s.setString(1, d.merchantId());
                s.setObject(2, d.categoryId());
                s.setLong(3, d.products());
                s.executeUpdate();
            }
        }
    }

    /** Runs {@code sql}, whose parameters are the category and then the category sums' deltas, in that order. */
    private static void addByCategory(Connection c, String sql, Contribution d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, d.categoryId());
            s.setLong(2, d.products());
            s.setLong(3, d.inStock());
            s.setLong(4, d.priceCents());
            s.setLong(5, d.reviews());
            s.setLong(6, d.ratingSum());
            s.executeUpdate();
        }
    }
}
