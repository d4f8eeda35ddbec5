package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductListingQuery;
import io.scalingsuite.catalog.repository.ProductSort;

/**
 * Loads 100,000 products into a database of its own and asks PostgreSQL's planner how it would run every
 * listing the API can issue: each must use an index on products, never scan the table, and (but for the
 * narrow merchant-within-category listing) read rows already in order instead of sorting them.
 */
@QuarkusTest
@TestProfile(ListingIndexTest.OwnDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingIndexTest {

    /** A profile of its own, so the 100,000 rows land in a fresh database that no other test reads. */
    public static class OwnDatabase implements QuarkusTestProfile {
    }

    private static final String SEED = """
            INSERT INTO catalog.category (id, slug, name, version, created_at, updated_at)
              SELECT gen_random_uuid(), 'c-' || g, 'Category ' || g, 0, now(), now() FROM generate_series(1, 50) g;
            INSERT INTO catalog.product (id, sku, name, price_cents, currency, category_id, merchant_id, stock,
                                         attributes, version, created_at, updated_at)
              SELECT gen_random_uuid(), 'SKU-' || g, 'Product ' || g, (g * 7919) % 500000, 'EUR', c.ids[1 + g % 50],
                     'merchant-' || (g % 100), CASE WHEN g % 7 = 0 THEN 0 ELSE g % 40 END, '{}'::jsonb, 0,
                     now() - g * interval '1 minute', now()
              FROM generate_series(1, 100000) g, (SELECT array_agg(id) AS ids FROM catalog.category) c;
            ANALYZE catalog.category;
            ANALYZE catalog.product;
            """;

    private static final String USES_INDEX =
            "(?s).*(Index (Only )?Scan( Backward)? using \\w+ on product|Bitmap Heap Scan on product).*";

    @Inject
    DataSource dataSource;

    private UUID categoryId;

    @BeforeAll
    void loadProducts() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(SEED);
            try (ResultSet rs = s.executeQuery("SELECT id FROM catalog.category LIMIT 1")) {
                rs.next();
                categoryId = rs.getObject(1, UUID.class);
            }
        }
    }

    private List<ProductFilter> everyListing() {
        List<ProductFilter> filters = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            if (sort == ProductSort.RELEVANCE) {
                continue; // only with a search: SearchIndexTest
            }
            for (Boolean inStock : new Boolean[] { null, true, false }) {
                filters.add(new ProductFilter(null, null, null, null, inStock, sort));
                filters.add(new ProductFilter(categoryId, null, null, null, inStock, sort));
                filters.add(new ProductFilter(null, "merchant-7", null, null, inStock, sort));
                filters.add(new ProductFilter(categoryId, null, 1_000L, 200_000L, inStock, sort));
                filters.add(new ProductFilter(null, null, 10_000L, 20_000L, inStock, sort));
                filters.add(new ProductFilter(categoryId, "merchant-7", null, 300_000L, inStock, sort));
            }
        }
        return filters;
    }

    @Test
    void shouldServeEveryListingFromAnIndex() throws SQLException {
        ProductListingQuery.After deepPage = new ProductListingQuery.After(250_000L, UUID.randomUUID());
        for (ProductFilter filter : everyListing()) {
            for (ProductListingQuery.After after : new ProductListingQuery.After[] { null, deepPage }) {
                String plan = explain(ProductListingQuery.of(filter, after, 21));
                String what = filter + (after == null ? " first page" : " after a cursor") + "\n" + plan;
                assertFalse(plan.contains("Seq Scan"), "sequential scan: " + what);
                if (filter.categoryId() == null || filter.merchantId() == null) {
                    // One merchant within one category is a few rows: PostgreSQL may intersect two indexes and
                    // sort them. Every other listing must come out of an index already in order.
                    assertFalse(plan.contains("Sort Key"), "sort instead of index order: " + what);
                }
                assertTrue(plan.matches(USES_INDEX), "no index: " + what);
                if (Boolean.TRUE.equals(filter.inStock()) && filter.merchantId() == null) {
                    // the query's predicate must be the partial indexes' own, or PostgreSQL cannot use them
                    assertTrue(plan.contains("using product_in_stock_"), "not an in-stock index: " + what);
                }
            }
        }
    }

    private String explain(ProductListingQuery query) throws SQLException {
        String sql = "EXPLAIN " + query.sql().replaceAll("\\?\\d+", "?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < query.params().size(); i++) {
                ps.setObject(i + 1, query.params().get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
