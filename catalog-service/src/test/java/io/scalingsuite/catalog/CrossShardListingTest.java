package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductListingQuery;
import io.scalingsuite.catalog.repository.ProductSort;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;
import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.PgAdmin;

/**
 * Scatter-gather is exact: random products (many sharing a price, so the id decides) are created through the API
 * on two shards, copied into one reference database, and every page of every catalog-wide listing the API gives
 * must equal the page PostgreSQL gives for the same keyset query on the reference database.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossShardListingTest {

    private static final int PAGE = 7;

    @Inject
    ShardPools pools;

    private String category;
    private String referenceDatabase;
    private String referenceUrl;

    /** Once, before the first test (rest-assured knows the test port only from the first test on). */
    @BeforeEach
    void createRandomCatalog() throws SQLException {
        if (category != null) {
            return;
        }
        category = Fixtures.category();
        String otherCategory = Fixtures.category();
        Random random = new Random(42);
        for (int i = 0; i < 120; i++) {
            Map<String, Object> body = Fixtures.product(random.nextInt(3) == 0 ? otherCategory : category,
                    "merchant-" + random.nextInt(25));
            body.put("priceCents", 100 * (1 + random.nextInt(8)));
            body.put("stock", random.nextInt(4));
            Fixtures.create(body);
        }
        referenceUrl = LocalInfra.createDatabase("catalog_reference");
        referenceDatabase = referenceUrl.substring(referenceUrl.lastIndexOf('/') + 1);
        try (Connection reference = PgAdmin.connect(referenceUrl, LocalInfra.PG_USER, 5)) {
            try (Statement ddl = reference.createStatement()) {
                // the keyset columns are copied; the rest exist (the listing selects them) and stay empty
                ddl.execute("CREATE SCHEMA catalog; CREATE TABLE catalog.product (id uuid PRIMARY KEY, "
                        + "price_cents bigint, created_at timestamptz, category_id uuid, merchant_id varchar(64), "
                        + "stock integer, sku varchar(64), name varchar(200), description text, currency char(3), "
                        + "attributes jsonb, version bigint, updated_at timestamptz, "
                        + "in_stock boolean GENERATED ALWAYS AS (stock > 0) STORED)");
            }
            for (Shard shard : pools.all()) {
                copyProducts(shard, reference);
            }
        }
    }

    @AfterAll
    void dropReference() {
        LocalInfra.dropDatabase(referenceDatabase);
    }

    @Test
    void shouldPageTheCategoryByPriceLikeOneDatabase() throws SQLException {
        assertSamePages(new ProductFilter(UUID.fromString(category), null, null, null, null, ProductSort.PRICE));
    }

    @Test
    void shouldPageTheCategoryByDescendingPriceInStockLikeOneDatabase() throws SQLException {
        assertSamePages(new ProductFilter(UUID.fromString(category), null, null, null, true, ProductSort.PRICE_DESC));
    }

    @Test
    void shouldPageAPriceRangeByCreationLikeOneDatabase() throws SQLException {
        assertSamePages(new ProductFilter(null, null, 200L, 600L, null, ProductSort.CREATED_AT));
    }

    @Test
    void shouldPageEverythingNewestFirstLikeOneDatabase() throws SQLException {
        assertSamePages(new ProductFilter(null, null, null, null, null, ProductSort.CREATED_AT_DESC));
    }

    private void assertSamePages(ProductFilter filter) throws SQLException {
        List<List<String>> expected = referencePages(filter);
        List<List<String>> actual = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", PAGE).queryParam("sort", filter.sort().param());
            if (filter.categoryId() != null) {
                request.queryParam("categoryId", filter.categoryId().toString());
            }
            if (filter.minPriceCents() != null) {
                request.queryParam("minPriceCents", filter.minPriceCents()).queryParam("maxPriceCents",
                        filter.maxPriceCents());
            }
            if (filter.inStock() != null) {
                request.queryParam("inStock", filter.inStock());
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/catalog/products").then().statusCode(200).extract().response();
            actual.add(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(expected, actual, "pages of " + filter.canonical());
        assertEquals(true, expected.size() > 3, "the listing spans several pages");
    }

    /** The same keyset walk on the reference database, one ProductListingQuery per page. */
    private List<List<String>> referencePages(ProductFilter filter) throws SQLException {
        List<List<String>> pages = new ArrayList<>();
        try (Connection reference = PgAdmin.connect(referenceUrl, LocalInfra.PG_USER, 5)) {
            ProductListingQuery.After after = null;
            while (true) {
                ProductListingQuery query = ProductListingQuery.of(filter, after, PAGE + 1);
                List<String> ids = new ArrayList<>();
                long lastValue = 0;
                try (PreparedStatement s = reference.prepareStatement(query.sql().replaceAll("\\?\\d+", "?"))) {
                    for (int i = 0; i < query.params().size(); i++) {
                        s.setObject(i + 1, query.params().get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next() && ids.size() < PAGE + 1) {
                            ids.add(rs.getString("id"));
                            lastValue = ids.size() <= PAGE ? ProductListingQuery.sortValueOf(filter.sort(),
                                    rs.getLong("price_cents"), rs.getTimestamp("created_at").toInstant()) : lastValue;
                        }
                    }
                }
                boolean more = ids.size() > PAGE;
                List<String> shown = more ? ids.subList(0, PAGE) : ids;
                pages.add(List.copyOf(shown));
                if (!more) {
                    return pages;
                }
                after = new ProductListingQuery.After(lastValue, UUID.fromString(shown.get(PAGE - 1)));
            }
        }
    }

    private static void copyProducts(Shard shard, Connection reference) throws SQLException {
        try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, price_cents, created_at, category_id, merchant_id, stock "
                        + "FROM catalog.product");
                PreparedStatement insert = reference.prepareStatement(
                        "INSERT INTO catalog.product VALUES (?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                for (int i = 1; i <= 6; i++) {
                    insert.setObject(i, rs.getObject(i));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
