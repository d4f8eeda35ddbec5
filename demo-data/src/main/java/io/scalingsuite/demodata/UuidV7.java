package io.scalingsuite.demodata;

import java.util.Random;
import java.util.UUID;

/**
 * RFC 9562 version-7 UUIDs for seeded rows: 48 bits of Unix milliseconds, version 7, 12 random bits,
 * the RFC variant, 62 random bits. Taking the row's own timestamp makes id order follow created_at,
 * as ids minted by catalog-service do; taking a seeded Random makes seed runs repeatable.
 */
public final class UuidV7 {

    private UuidV7() {
    }

    public static UUID at(long epochMillis, Random random) {
        if (epochMillis < 0 || epochMillis >= 1L << 48) {
            throw new IllegalArgumentException("millis out of 48-bit range: " + epochMillis);
        }
        long msb = (epochMillis << 16) | 0x7000L | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
