package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
import io.scalingsuite.catalog.api.AttributeFilter;
import io.scalingsuite.catalog.api.TextQuery;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductListingQuery;
import io.scalingsuite.catalog.repository.ProductSort;

/**
 * Like {@link ListingIndexTest}, over 100,000 products with words and attributes: no search or attribute filter
 * the API can issue scans the table, and each one that picks few rows (or ranks them) finds them through its GIN
 * index. A filter that many rows pass, sorted by price or time, may instead walk that order's B-tree and check the
 * filter on each row: for LIMIT 21 over 10,000 matches that is the cheaper plan, and still no Seq Scan.
 */
@QuarkusTest
@TestProfile(SearchIndexTest.OwnDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexTest {

    /** A profile of its own, so the 100,000 rows land in a fresh database that no other test reads. */
    public static class OwnDatabase implements QuarkusTestProfile {
    }

    private static final String SEED = """
            INSERT INTO catalog.category (id, slug, name, version, created_at, updated_at)
              SELECT gen_random_uuid(), 's-' || g, 'Category ' || g, 0, now(), now() FROM generate_series(1, 50) g;
            INSERT INTO catalog.product (id, sku, name, description, price_cents, currency, category_id, merchant_id,
                                         stock, attributes, version, created_at, updated_at)
              SELECT gen_random_uuid(), 'SKU-' || g,
                     (ARRAY['Oak','Walnut','Pine','Steel','Glass','Leather','Wool','Linen','Bamboo','Marble'])
                       [1 + g % 10] || ' ' || (ARRAY['desk','chair','lamp','sofa','rug','shelf','table','stool'])
                       [1 + (g / 10) % 8] || ' model' || (g % 2000),
                     'Handmade ' || (ARRAY['sturdy','elegant','compact','rustic','modern'])[1 + g % 5]
                       || ' piece with a ' || (ARRAY['matte','glossy','oiled','lacquered'])[1 + g % 4]
                       || ' finish, made by workshop' || (g % 3000),
                     (g * 7919) % 500000, 'EUR', c.ids[1 + g % 50], 'merchant-' || (g % 100),
                     CASE WHEN g % 7 = 0 THEN 0 ELSE g % 40 END,
                     jsonb_build_object('color', (ARRAY['red','blue','green','black','white','brown','grey','beige',
                       'navy','olive','pink','teal'])[1 + g % 12], 'brand', 'brand-' || (g % 500),
                       'width', 40 + 10 * (g % 50), 'vegan', g % 3 = 0),
                     0, now() - g * interval '1 minute', now()
              FROM generate_series(1, 100000) g, (SELECT array_agg(id) AS ids FROM catalog.category) c;
            """;

    private static final String GIN = "(?s).*Bitmap Index Scan on product_(search|attributes)_idx.*";

    @Inject
    DataSource dataSource;

    private UUID categoryId;

    @BeforeAll
    void loadProducts() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(SEED);
            // as autovacuum would: statistics (the GIN indexes keep no pending entries to move: V11)
            s.execute("VACUUM (ANALYZE) catalog.category, catalog.product");
            try (ResultSet rs = s.executeQuery("SELECT id FROM catalog.category LIMIT 1")) {
                rs.next();
                categoryId = rs.getObject(1, UUID.class);
            }
        }
    }

    private static List<AttributeFilter> attrs(String... pairs) {
        List<AttributeFilter> filters = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            filters.add(AttributeFilter.parse("attr." + pairs[i], pairs[i + 1]));
        }
        return filters;
    }

    /** Shapes that select few rows (about 1 in 500 or fewer): each must come from a GIN index. */
    private List<ProductFilter> selective() {
        List<ProductFilter> filters = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            TextQuery text = TextQuery.parse("model1234");
            for (Boolean inStock : new Boolean[] { null, true }) {
                filters.add(new ProductFilter(null, null, null, null, inStock, List.of(), text, sort));
                filters.add(
                        new ProductFilter(null, null, null, null, inStock, List.of(), TextQuery.parse("workshop2999"),
                                sort));
                filters.add(new ProductFilter(categoryId, null, null, null, inStock, List.of(),
                        TextQuery.parse("walnut desk model12"), sort));
                filters.add(new ProductFilter(null, null, 1_000L, 400_000L, inStock, attrs("color", "red"),
                        TextQuery.parse("SKU-4242"), sort));
                if (sort != ProductSort.RELEVANCE) {
                    filters.add(new ProductFilter(null, null, null, null, inStock, attrs("brand", "brand-17"), null,
                            sort));
                    filters.add(new ProductFilter(categoryId, null, null, null, inStock,
                            attrs("brand", "brand-17", "vegan", "true"), null, sort));
                    filters.add(new ProductFilter(null, null, null, null, inStock,
                            attrs("color", "\"teal\"", "width", "140"), null, sort));
                }
            }
        }
        return filters;
    }

    /** Shapes that thousands of rows pass: any index will do, never the whole table. */
    private List<ProductFilter> broad() {
        List<ProductFilter> filters = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            filters.add(new ProductFilter(null, null, null, null, null, List.of(), TextQuery.parse("oak"), sort));
            filters.add(new ProductFilter(null, null, null, null, true, List.of(), TextQuery.parse("sturdy ch"),
                    sort));
            // a prefix that 3.7% of rows match (workshop17, workshop170.., workshop1700..)
            filters.add(new ProductFilter(null, null, null, null, null, List.of(), TextQuery.parse("workshop17"),
                    sort));
            if (sort != ProductSort.RELEVANCE) {
                filters.add(new ProductFilter(null, null, null, null, null, attrs("color", "red"), null, sort));
                filters.add(new ProductFilter(categoryId, null, null, null, true, attrs("vegan", "false"), null,
                        sort));
            }
        }
        return filters;
    }

    @Test
    void shouldFindSelectiveSearchesAndAttributeFiltersThroughGinIndexes() throws SQLException {
        List<String> wrong = new ArrayList<>();
        for (ProductFilter filter : selective()) {
            for (ProductListingQuery.After after : pages(filter)) {
                String plan = explain(ProductListingQuery.of(filter, after, 21));
                String what = filter + (after == null ? " first page" : " after a cursor") + "\n" + plan;
                if (plan.contains("Seq Scan") || !plan.matches(GIN)) {
                    wrong.add("no GIN index, or a sequential scan: " + what);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldRankEveryRelevanceSearchFromTheTextIndex() throws SQLException {
        List<String> wrong = new ArrayList<>();
        for (ProductFilter filter : broad()) {
            for (ProductListingQuery.After after : pages(filter)) {
                String plan = explain(ProductListingQuery.of(filter, after, 21));
                String what = filter + (after == null ? " first page" : " after a cursor") + "\n" + plan;
                if (plan.contains("Seq Scan")) {
                    wrong.add("sequential scan: " + what);
                }
                if (filter.sort() == ProductSort.RELEVANCE
                        && !plan.contains("Bitmap Index Scan on product_search_idx")) {
                    wrong.add("no text index: " + what);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The first page, and one deep in the listing (a cursor in the middle of the sort values). */
    private static ProductListingQuery.After[] pages(ProductFilter filter) {
        long deep = switch (filter.sort()) {
            case RELEVANCE -> Float.floatToIntBits(0.05f);
            case PRICE, PRICE_DESC -> 250_000L;
            default -> ProductListingQuery.sortValueOf(filter.sort(), 0, Instant.now().minus(Duration.ofDays(30)));
        };
        return new ProductListingQuery.After[] { null, new ProductListingQuery.After(deep, UUID.randomUUID()) };
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
