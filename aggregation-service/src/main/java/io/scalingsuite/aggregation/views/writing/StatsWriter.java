package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds a {@link Contribution} (or its negation) to the per-category and per-merchant sums, and to the stored summary
 * of every category whose subtree holds the category ({@link SummaryWriter} has locked those rows), in one statement:
 * one round trip per delta, of the twenty or so an event runs. A stat row's {@code updated_at} never goes back, so a
 * summary's (the latest of its subtree's) can move by {@code greatest}.
 */
@ApplicationScoped
public class StatsWriter {

    /**
     * The summary rows are reached by their key from the walk's ids, never by a join with it: a join planned while the
     * summaries were a few pages scans them all, and a connection keeps that plan as every event grows them. Each
     * sub-statement writes another table, so their order within the statement does not matter.
     */
    static final String ADD =
            """
            WITH RECURSIVE d (category_id, merchant_id, products, in_stock, price_sum, stock_value, reviews,
                    rating_sum) AS (
                VALUES (?::uuid, ?::varchar, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint)),
            up (id, parent_id) AS (
                SELECT c.id, c.parent_id FROM d JOIN aggregation.category c ON c.id = d.category_id WHERE NOT c.deleted
                UNION
                SELECT c.id, c.parent_id FROM up JOIN aggregation.category c ON c.id = up.parent_id
                WHERE NOT c.deleted),
            category AS (
                INSERT INTO aggregation.category_stat AS s (category_id, product_count, in_stock_count, price_sum,
                    review_count, rating_sum, version, updated_at)
                SELECT category_id, products, in_stock, price_sum, reviews, rating_sum, 1, now() FROM d
                ON CONFLICT (category_id) DO UPDATE SET
                    product_count = s.product_count + EXCLUDED.product_count,
                    in_stock_count = s.in_stock_count + EXCLUDED.in_stock_count,
                    price_sum = s.price_sum + EXCLUDED.price_sum,
                    review_count = s.review_count + EXCLUDED.review_count,
                    rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                    version = s.version + 1, updated_at = greatest(s.updated_at, now())),
            summaries AS (
                UPDATE aggregation.category_summary s SET product_count = s.product_count + d.products,
                    in_stock_count = s.in_stock_count + d.in_stock, price_sum = s.price_sum + d.price_sum,
                    review_count = s.review_count + d.reviews, rating_sum = s.rating_sum + d.rating_sum,
                    version = s.version + 1, updated_at = greatest(s.updated_at, now())
                FROM d WHERE s.category_id = ANY (ARRAY(SELECT id FROM up))),
            merchant AS (
                INSERT INTO aggregation.merchant_stat AS s (merchant_id, product_count, stock_value_cents,
                    review_count, rating_sum, version, updated_at)
                SELECT merchant_id, products, stock_value, reviews, rating_sum, 1, now() FROM d
                ON CONFLICT (merchant_id) DO UPDATE SET
                    product_count = s.product_count + EXCLUDED.product_count,
                    stock_value_cents = s.stock_value_cents + EXCLUDED.stock_value_cents,
                    review_count = s.review_count + EXCLUDED.review_count,
                    rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                    version = s.version + 1, updated_at = now())
            INSERT INTO aggregation.merchant_category AS s (merchant_id, category_id, product_count)
            SELECT merchant_id, category_id, products FROM d WHERE products <> 0
            ON CONFLICT (merchant_id, category_id) DO UPDATE SET product_count = s.product_count + EXCLUDED.product_count""";

    public void add(Connection c, Contribution d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ADD)) {
            s.setObject(1, d.categoryId());
            s.setString(2, d.merchantId());
            s.setLong(3, d.products());
            s.setLong(4, d.inStock());
            s.setLong(5, d.priceCents());
            s.setLong(6, d.stockValueCents());
            s.setLong(7, d.reviews());
            s.setLong(8, d.ratingSum());
            s.executeUpdate();
        }
    }

    /**
     * Moves the sums from a product's stored contribution ({@code from}, null when it counted nowhere) to its new one:
     * one delta when both count in the same category and merchant, as most updates do; otherwise two.
     */
    public void move(Connection c, Contribution from, Contribution to) throws SQLException {
        if (from == null) {
            add(c, to);
        } else if (from.sameKeys(to)) {
            add(c, to.minus(from));
        } else {
            add(c, from.negate());
            add(c, to);
        }
    }
}
