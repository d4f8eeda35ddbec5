package io.scalingsuite.catalog.repository.shard;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.catalog.UuidV7;

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
        return pools.get(jump(fnv1a64(merchantId), pools.all().size()));
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
        products.forEach(id -> movedProducts.put(id, shard));
        movedMerchants.put(merchantId, shard);
    }

    /** Replaces the cached directories with what the directory tables hold. */
    public void load(Map<String, String> merchants, Map<UUID, String> products) {
        movedProducts.putAll(products);
        movedMerchants.putAll(merchants);
    }

    /** Lamping and Veach's jump consistent hash: adding a shard moves only 1/n of the keys, all to the new one. */
    static int jump(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941143L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    /** FNV-1a, 64 bits, over the UTF-8 bytes: stable across JVMs and languages, unlike String.hashCode. */
    static long fnv1a64(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
