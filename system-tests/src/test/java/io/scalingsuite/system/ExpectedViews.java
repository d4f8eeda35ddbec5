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

    record Product(String id, long priceCents, int stock, String categoryId, String merchantId, long reviews,
            long ratingSum, List<String> recentReviewIds) {

        BigDecimal average() {
            return reviews == 0 ? null : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(reviews), 2,
                    RoundingMode.HALF_UP);
        }
    }

    final Map<String, Product> products = new TreeMap<>();
    final Map<String, String> parents = new HashMap<>();

    ExpectedViews(String jdbcUrl, String user) throws SQLException {
        Map<String, long[]> ratings = new HashMap<>();
        Map<String, List<String>> recent = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, parent_id FROM catalog.category")) {
                while (rs.next()) {
                    parents.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT product_id, count(*), sum(rating) FROM catalog.review GROUP BY 1")) {
                while (rs.next()) {
                    ratings.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT product_id, id FROM (SELECT product_id, id, row_number() OVER "
                    + "(PARTITION BY product_id ORDER BY created_at DESC, id DESC) AS n FROM catalog.review) r "
                    + "WHERE n <= 3 ORDER BY product_id, n")) {
                while (rs.next()) {
                    recent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT id, price_cents, stock, category_id, merchant_id FROM catalog.product")) {
                while (rs.next()) {
                    long[] r = ratings.getOrDefault(rs.getString(1), new long[2]);
                    products.put(rs.getString(1), new Product(rs.getString(1), rs.getLong(2), rs.getInt(3),
                            rs.getString(4), rs.getString(5), r[0], r[1],
                            recent.getOrDefault(rs.getString(1), List.of())));
                }
            }
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

    List<Product> in(Set<String> categories) {
        return products.values().stream().filter(p -> categories.contains(p.categoryId())).toList();
    }

    /** Top 10 by exact average rating (unrated last), then review count, then id. */
    static List<String> top(List<Product> products) {
        Comparator<Product> byRating = (a, b) -> {
            if (a.reviews() == 0 || b.reviews() == 0) {
                return Boolean.compare(a.reviews() == 0, b.reviews() == 0);
            }
            return Long.compare(b.ratingSum() * a.reviews(), a.ratingSum() * b.reviews());
        };
        return products.stream().sorted(byRating.thenComparing(Product::reviews, Comparator.reverseOrder())
                .thenComparing(Product::id)).limit(10).map(Product::id).toList();
    }

    static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
