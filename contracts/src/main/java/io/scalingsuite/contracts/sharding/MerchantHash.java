package io.scalingsuite.contracts.sharding;

import java.nio.charset.StandardCharsets;

/**
 * A merchant's home shard when the merchant directory does not say otherwise: {@code jump(fnv1a64(merchantId),
 * shards)}. catalog routes by it and the demo-data seeder loads by it; were they to compute it apart, a seeded
 * merchant would land on a shard catalog never reads, so this is the one copy.
 */
public final class MerchantHash {

    private MerchantHash() {
    }

    /** The shard, from 0 to {@code shards - 1}, that the merchant's data lives on by default. */
    public static int shardOf(String merchantId, int shards) {
        return jump(fnv1a64(merchantId), shards);
    }

    /** Lamping and Veach's jump consistent hash: adding a shard moves only 1/n of the keys, all to the new one. */
    public static int jump(long key, int buckets) {
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
    public static long fnv1a64(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
