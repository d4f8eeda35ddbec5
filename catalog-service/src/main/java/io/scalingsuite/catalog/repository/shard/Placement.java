package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.contracts.sharding.MerchantHash;

/**
 * Where data lives. A merchant's shard is {@code jump(fnv1a64(merchantId), shards)} unless the directory says it
 * was moved; a product's shard is the number in its id unless the relocation directory says its merchant was
 * moved since. Both directories are small, kept in {@code catalog.merchant_directory} and
 * {@code catalog.product_relocation} on the first shard and cached here (see docs/sharding.md).
 */
@ApplicationScoped
public class Placement {

    private final ShardPools pools;
    private final Map<String, String> movedMerchants = new ConcurrentHashMap<>();
    private final Map<UUID, String> movedProducts = new ConcurrentHashMap<>();

    public Placement(ShardPools pools) {
        this.pools = pools;
    }

    public Shard ofMerchant(String merchantId) {
        String moved = movedMerchants.get(merchantId);
        if (moved != null) {
            return pools.named(moved);
        }
        return pools.get(MerchantHash.shardOf(merchantId, pools.all().size()));
    }

    public Shard ofProduct(UUID productId) {
        String moved = movedProducts.get(productId);
        if (moved != null) {
            return pools.named(moved);
        }
        int count = pools.all().size();
        int number = UuidV7.shardOf(productId);
        // One shard, or an id minted before sharding (or by another layout): the only sensible answer is modulo.
        return pools.get(count == 1 ? 0 : number % count);
    }

    /** Records (in memory) that a merchant and the given products now live on {@code shard}. */
    public void moved(String merchantId, Iterable<UUID> products, String shard) {
        products.forEach(id -> movedProduct(id, shard));
        movedMerchant(merchantId, shard);
    }

    public void movedMerchant(String merchantId, String shard) {
        movedMerchants.put(merchantId, shard);
    }

    public void movedProduct(UUID productId, String shard) {
        movedProducts.put(productId, shard);
    }

    void load(@Observes @Priority(2) StartupEvent startup) throws SQLException {
        reload();
    }

    /**
     * Reads every shard's directory rows, oldest move first, so the latest move of a merchant wins: at start, and
     * periodically ({@link DirectoryRefresh}) so moves made by other instances reach this one.
     */
    public void reload() throws SQLException {
        record Row(String key, String shard, Instant movedAt) {
        }
        List<Row> merchants = new ArrayList<>();
        List<Row> products = new ArrayList<>();
        for (Shard shard : pools.all()) {
            try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs =
                        s.executeQuery("SELECT merchant_id, shard, moved_at FROM catalog.merchant_directory")) {
                    while (rs.next()) {
                        merchants.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
                try (ResultSet rs =
                        s.executeQuery("SELECT product_id, shard, moved_at FROM catalog.product_relocation")) {
                    while (rs.next()) {
                        products.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
            }
        }
        merchants.stream().sorted(Comparator.comparing(Row::movedAt)).forEach(r -> movedMerchant(r.key(), r.shard()));
        products.stream().sorted(Comparator.comparing(Row::movedAt))
                .forEach(r -> movedProduct(UUID.fromString(r.key()), r.shard()));
    }
}
