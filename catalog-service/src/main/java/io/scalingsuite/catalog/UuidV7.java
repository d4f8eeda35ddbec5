package io.scalingsuite.catalog;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then randomness.
 * New rows land at the right edge of every id index instead of splitting random pages. Ids made with
 * {@link #next(int)} carry the number of the shard that created them in the top 8 of the 12 {@code rand_a} bits
 * (see docs/sharding.md), so a product's shard is known from its id alone.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidV7() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis(), RANDOM.nextInt(1 << 12));
    }

    /** A new id that names shard {@code shard} (0 to 255). */
    public static UUID next(int shard) {
        if (shard < 0 || shard > 255) {
            throw new IllegalArgumentException("shard number out of range: " + shard);
        }
        return at(System.currentTimeMillis(), (shard << 4) | RANDOM.nextInt(1 << 4));
    }

    /** The shard number an id made by {@link #next(int)} carries. */
    public static int shardOf(UUID id) {
        return (int) ((id.getMostSignificantBits() >>> 4) & 0xFF);
    }

    static UUID at(long epochMillis) {
        return at(epochMillis, RANDOM.nextInt(1 << 12));
    }

    private static UUID at(long epochMillis, long randA) {
        long msb = (epochMillis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
