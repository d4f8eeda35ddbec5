package io.scalingsuite.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The views recomputed from scratch, directly from catalog's tables, in the simplest way that could be right:
 * the oracle the incrementally maintained views must equal.
 */
final class ExpectedViews {

    record Product(String id, String sku, String name, long priceCents, String currency, int stock,
            String categoryId, String merchantId, long version, long reviews, long ratingSum,
            List<Review> recentReviews) {

        List<String> recentReviewIds() {
            return recentReviews.stream().map(Review::id).toList();
        }

        BigDecimal average() {
            return reviews == 0 ? null : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(reviews), 2,
                    RoundingMode.HALF_UP);
        }
    }

    /** A review as the card embeds it (the three newest per product). */
    record Review(String id, int rating, String title) {
    }

    /** A category as the card embeds it. */
    record Category(String slug, String name) {
    }

    final Map<String, Product> products = new TreeMap<>();
    final Map<String, String> parents = new HashMap<>();
    final Map<String, Category> categories = new TreeMap<>();

    ExpectedViews(String jdbcUrl, String user) throws SQLException {
        Map<String, long[]> ratings = new HashMap<>();
        Map<String, List<Review>> recent = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            // one snapshot of every table, as if a reader of the catalog saw them at one instant
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (ResultSet rs = s.executeQuery("SELECT id, parent_id, slug, name FROM catalog.category")) {
                while (rs.next()) {
                    parents.put(rs.getString(1), rs.getString(2));
                    categories.put(rs.getString(1), new Category(rs.getString(3), rs.getString(4)));
                }
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT product_id, count(*), sum(rating) FROM catalog.review GROUP BY 1")) {
                while (rs.next()) {
                    ratings.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT product_id, id, rating, title FROM (SELECT product_id, id, "
                    + "rating, title, row_number() OVER (PARTITION BY product_id ORDER BY created_at DESC, id DESC) "
                    + "AS n FROM catalog.review) r WHERE n <= 3 ORDER BY product_id, n")) {
                while (rs.next()) {
                    recent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Review(rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, sku, name, price_cents, currency, stock, category_id, "
                    + "merchant_id, version FROM catalog.product")) {
                while (rs.next()) {
                    long[] r = ratings.getOrDefault(rs.getString(1), new long[2]);
                    products.put(rs.getString(1), new Product(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                            rs.getLong(9), r[0], r[1], recent.getOrDefault(rs.getString(1), List.of())));
                }
            }
            c.rollback();
        }
    }

    /** The category and all its descendants. */
    Set<String> subtree(String categoryId) {
        Set<String> subtree = new HashSet<>(Set.of(categoryId));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, String> e : parents.entrySet()) {
                if (e.getValue() != null && subtree.contains(e.getValue()) && subtree.add(e.getKey())) {
                    grew = true;
                }
            }
        }
        return subtree;
    }

    /** The category's path as a card embeds it, root first, each "id/slug/name". */
    List<String> path(String categoryId) {
        List<String> path = new ArrayList<>();
        for (String id = categoryId; id != null && path.size() <= parents.size(); id = parents.get(id)) {
            Category category = categories.get(id);
            path.add(0, id + "/" + (category == null ? null : category.slug()) + "/"
                    + (category == null ? null : category.name()));
        }
        return path;
    }

    List<Product> in(Set<String> categories) {
        return products.values().stream().filter(p -> categories.contains(p.categoryId())).toList();
    }

    /** Top 10 by exact average rating (unrated last), then review count, then id, each descending. */
    static List<String> top(List<Product> products) {
        Comparator<Product> byRating = (a, b) -> {
            if (a.reviews() == 0 || b.reviews() == 0) {
                return Boolean.compare(a.reviews() == 0, b.reviews() == 0);
            }
            return Long.compare(b.ratingSum() * a.reviews(), a.ratingSum() * b.reviews());
        };
        return products.stream().sorted(byRating.thenComparing(Product::reviews, Comparator.reverseOrder())
                .thenComparing(Product::id, Comparator.reverseOrder())).limit(10).map(Product::id).toList();
    }

    static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
