package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Placement on two shards: a merchant's products land on the shard jump hash gives it, their ids name that shard,
 * categories are on both, and the per-shard meters prove that a lookup by id and a merchant's listing touch one
 * shard while a catalog-wide listing asks both.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class ShardPlacementTest {

    @Inject
    ShardPools pools;

    @Inject
    Placement placement;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldStoreEachMerchantsProductsOnItsShardOnly() throws SQLException {
        String category = Fixtures.category();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String merchant = Fixtures.unique("m");
            UUID id = UUID.fromString(Fixtures.createProduct(category, merchant));
            Shard home = placement.ofMerchant(merchant);
            used.add(home.index());
            assertEquals(home.index(), UuidV7.shardOf(id), "the id names the merchant's shard");
            for (Shard shard : pools.all()) {
                assertEquals(shard == home ? 1 : 0,
                        count(shard, "SELECT count(*) FROM catalog.product WHERE id = ?", id),
                        "product " + id + " on shard " + shard.name());
            }
        }
        assertEquals(Set.of(0, 1), used, "twelve merchants use both shards");
    }

    @Test
    void shouldCopyEveryCategoryToEveryShard() throws SQLException {
        UUID category = UUID.fromString(Fixtures.category());
        for (Shard shard : pools.all()) {
            assertEquals(1, count(shard, "SELECT count(*) FROM catalog.category WHERE id = ?", category), shard.name());
        }
    }

    @Test
    void shouldReadAProductByIdOnOneShard() {
        String merchant = Fixtures.unique("m");
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        Map<String, Double> before = ShardCounts.of(registry);
        given().get("/api/catalog/products/" + id).then().statusCode(200).body("id", equalTo(id));
        assertTouchedOnly(placement.ofMerchant(merchant), ShardCounts.delta(before, ShardCounts.of(registry)));
    }

    @Test
    void shouldListAMerchantOnOneShard() {
        String merchant = Fixtures.unique("m");
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        Map<String, Double> before = ShardCounts.of(registry);
        given().queryParam("merchantId", merchant).get("/api/catalog/products").then().statusCode(200)
                .body("items.id", equalTo(java.util.List.of(id)));
        assertTouchedOnly(placement.ofMerchant(merchant), ShardCounts.delta(before, ShardCounts.of(registry)));
    }

    @Test
    void shouldAskEveryShardForACategoryListing() {
        String category = Fixtures.category();
        Fixtures.createProduct(category, Fixtures.unique("m"));
        Map<String, Double> before = ShardCounts.of(registry);
        given().queryParam("categoryId", category).get("/api/catalog/products").then().statusCode(200);
        Map<String, Double> delta = ShardCounts.delta(before, ShardCounts.of(registry));
        assertTrue(delta.get("s0") >= 1 && delta.get("s1") >= 1, "both shards asked: " + delta);
    }

    private void assertTouchedOnly(Shard home, Map<String, Double> delta) {
        for (Shard shard : pools.all()) {
            assertEquals(shard == home ? 1.0 : 0.0, delta.get(shard.name()), "transactions on " + shard.name());
        }
    }

    private static long count(Shard shard, String sql, UUID id) throws SQLException {
        try (Connection c = shard.primary().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
