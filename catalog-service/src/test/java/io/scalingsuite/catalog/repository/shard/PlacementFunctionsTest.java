package io.scalingsuite.catalog.repository.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.scalingsuite.catalog.UuidV7;

/** The pure functions under placement and routing: jump hash, FNV-1a, shard-numbered ids, the token format. */
class PlacementFunctionsTest {

    @Test
    void shouldHashLikeTheFnv1aReferenceVectors() {
        assertEquals(0xcbf29ce484222325L, Placement.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, Placement.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, Placement.fnv1a64("foobar"));
    }

    @Test
    void shouldMoveOnlyKeysToTheNewShardWhenOneIsAdded() {
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            long key = Placement.fnv1a64("merchant-" + i);
            int before = Placement.jump(key, 4);
            int after = Placement.jump(key, 5);
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
            counts[Placement.jump(Placement.fnv1a64("m-" + i), 3)]++;
        }
        for (int count : counts) {
            assertTrue(count > 9_500 && count < 10_500, "per shard: " + count);
        }
    }

    @Test
    void shouldCarryTheShardNumberInTheIdAndStayTimeOrdered() {
        for (int shard : new int[] { 0, 1, 7, 255 }) {
            UUID id = UuidV7.next(shard);
            assertEquals(shard, UuidV7.shardOf(id));
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
        }
        UUID earlier = UuidV7.next(255);
        long millis = earlier.getMostSignificantBits() >>> 16;
        assertTrue(millis <= System.currentTimeMillis());
    }

    @Test
    void shouldRoundTripTheConsistencyTokenAndIgnoreGarbage() {
        ConsistencyToken token = new ConsistencyToken(Map.of()).with("s0", ConsistencyToken.lsn("16/B374D848"))
                .with("s1", 42L).with("s0", 5L);
        ConsistencyToken parsed = ConsistencyToken.parse(token.encode());
        assertEquals(ConsistencyToken.lsn("16/B374D848"), parsed.on("s0"));
        assertEquals(42L, parsed.on("s1"));
        assertEquals(0L, parsed.on("s2"));
        assertNull(ConsistencyToken.parse("not base64 !"));
        assertNull(ConsistencyToken.parse(null));
    }
}
