package io.scalingsuite.contracts.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default placement of merchants that catalog and the seeder share: FNV-1a, then jump consistent hash. */
class MerchantHashTest {

    @Test
    void shouldHashLikeTheFnv1aReferenceVectors() {
        assertEquals(0xcbf29ce484222325L, MerchantHash.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, MerchantHash.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, MerchantHash.fnv1a64("foobar"));
    }

    @Test
    void shouldMoveOnlyKeysToTheNewShardWhenOneIsAdded() {
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            long key = MerchantHash.fnv1a64("merchant-" + i);
            int before = MerchantHash.jump(key, 4);
            int after = MerchantHash.jump(key, 5);
            if (before != after) {
                assertEquals(4, after, "a key that moves goes to the new shard");
                moved++;
            }
        }
        assertTrue(moved > 1_700 && moved < 2_300, "about a fifth of the keys move: " + moved);
    }

    @Test
    void shouldSpreadKeysEvenlyOverShards() {
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[MerchantHash.jump(MerchantHash.fnv1a64("m-" + i), 3)]++;
        }
        for (int count : counts) {
            assertTrue(count > 9_500 && count < 10_500, "per shard: " + count);
        }
    }

    @Test
    void shouldPlaceAMerchantByItsHash() {
        assertEquals(MerchantHash.jump(MerchantHash.fnv1a64("m-42"), 3), MerchantHash.shardOf("m-42", 3));
        assertEquals(0, MerchantHash.shardOf("m-42", 1));
    }
}
