package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A stock patch updates the product's row in place (a HOT update: no new entry in any of its indexes), since no
 * index covers {@code stock} any more, not even in a partial index's predicate (V12: the in-stock indexes are on
 * the generated {@code in_stock}); and the in-stock listings still follow the stock as it sells out and comes back.
 */
@QuarkusTest
class StockUpdateInPlaceTest {

    private static final String PRODUCTS = "/api/catalog/products";
    private static final int PATCHES = 10;

    @Inject
    ShardPools pools;

    @Test
    void shouldUpdateTheStockInPlace() throws SQLException {
        String id = Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m"));
        long before = hotUpdates();

        for (int i = 1; i <= PATCHES; i++) {
            patch(id, i - 1, "{\"stock\": " + (10 + i) + "}").body("stock", equalTo(10 + i));
        }

        // PostgreSQL counts them in its statistics, which each connection hands in within seconds, not at once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertTrue(
                hotUpdates() - before >= PATCHES, "HOT updates of products since the patches began: "
                        + (hotUpdates() - before) + " of " + PATCHES + " stock patches"));
    }

    @Test
    void shouldListAProductInStockOnlyWhileItHasStock() {
        String merchant = Fixtures.unique("m");
        String id = Fixtures.createProduct(Fixtures.category(), merchant);

        patch(id, 0, "{\"stock\": 0}");
        listing(merchant, true).body("items", empty());
        listing(merchant, false).body("items.id", contains(id));

        patch(id, 1, "{\"stock\": 4}");
        listing(merchant, true).body("items.id", contains(id)).body("items[0].stock", equalTo(4));
        listing(merchant, false).body("items", empty());
    }

    private static ValidatableResponse patch(String id, long version, String body) {
        return given().contentType("application/merge-patch+json").header("If-Match", "\"" + version + "\"")
                .body(body).patch(PRODUCTS + "/" + id).then().statusCode(200);
    }

    private static ValidatableResponse listing(String merchant, boolean inStock) {
        return given().queryParam("merchantId", merchant).queryParam("inStock", inStock).get(PRODUCTS).then()
                .statusCode(200);
    }

    /** HOT updates of catalog.product on every shard, as PostgreSQL's statistics have them so far. */
    private long hotUpdates() throws SQLException {
        long sum = 0;
        for (Shard shard : pools.all()) {
            try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT n_tup_hot_upd FROM pg_stat_user_tables "
                            + "WHERE schemaname = 'catalog' AND relname = 'product'")) {
                rs.next();
                sum += rs.getLong(1);
            }
        }
        return sum;
    }
}
