package io.scalingsuite.catalog.repository.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.scalingsuite.catalog.UuidV7;

/** The pure functions under routing: shard-numbered ids and the token format (the hash: contracts' MerchantHashTest). */
class PlacementFunctionsTest {

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
