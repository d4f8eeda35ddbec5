package io.scalingsuite.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** The near cache's two bounds, entries and heap bytes: the least recently used go first, oversized never come in. */
class NearCacheBoundsTest {

    private static final long NOW = 1_795_000_000_000L;
    private static final long TTL = 60_000;

    private static CachedResponse sized(int bodyBytes, String... tags) {
        return new CachedResponse(200, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"),
                Buffer.buffer(new byte[bodyBytes]), NOW, 60, 0, List.of(tags));
    }

    private static NearCache usable(int maxEntries, long maxBytes) {
        NearCache near = new NearCache(maxEntries, maxBytes, TTL);
        near.purgesArrive(true);
        return near;
    }

    private static void put(NearCache near, String key, CachedResponse response) {
        near.put(key, response, near.epoch(), NOW);
    }

    @Test
    void shouldEvictTheLeastRecentlyReadEntryWhenFull() {
        NearCache near = usable(3, 1L << 30);
        put(near, "/a", sized(10));
        put(near, "/b", sized(10));
        put(near, "/c", sized(10));
        near.get("/a", NOW);

        put(near, "/d", sized(10));

        assertNull(near.get("/b", NOW), "the least recently used");
        assertNotNull(near.get("/a", NOW), "read after /b was kept");
        assertEquals(3, near.size());
    }

    @Test
    void shouldEvictUntilTheEntriesFitTheByteBound() {
        long weight = NearEntries.weigh("/p/0", sized(10_000));
        NearCache near = usable(10_000, 3 * weight);

        for (int i = 0; i < 10; i++) {
            put(near, "/p/" + i, sized(10_000));
            assertTrue(near.heldBytes() <= 3 * weight, "held after put " + i + ": " + near.heldBytes());
        }

        assertEquals(3, near.size());
        assertEquals(3 * weight, near.heldBytes());
        assertNotNull(near.get("/p/9", NOW), "the newest entries stay");
        assertNull(near.get("/p/6", NOW), "the oldest went");
    }

    @Test
    void shouldNeverKeepAnEntryHeavierThanTheByteBound() {
        NearCache near = usable(10_000, 40_000);
        put(near, "/small", sized(1_000));

        put(near, "/large", sized(50_000));

        assertNull(near.get("/large", NOW));
        assertNotNull(near.get("/small", NOW), "a refused entry evicts nothing");
        assertEquals(NearEntries.weigh("/small", sized(1_000)), near.heldBytes());
    }

    @Test
    void shouldCountNoBytesForPurgedEntries() {
        NearCache near = usable(10_000, 1L << 30);
        put(near, "/a", sized(1_000, "product:a"));
        put(near, "/b", sized(2_000, "product:b"));

        near.invalidate(List.of("product:a"));
        assertEquals(NearEntries.weigh("/b", sized(2_000, "product:b")), near.heldBytes());

        near.purgesArrive(false);
        assertEquals(0, near.heldBytes());
    }

    @Test
    void shouldWeighABodyByTheBufferItGrewInNotItsLength() {
        Buffer read = Buffer.buffer();
        for (int i = 0; i < 10; i++) { // as CappedBody reads an upstream body: chunk by chunk
            read.appendBuffer(Buffer.buffer(new byte[1_000]));
        }
        CachedResponse grown = new CachedResponse(200, MultiMap.caseInsensitiveMultiMap(), read, NOW, 60, 0,
                List.of());

        assertEquals(10_000, read.length());
        assertTrue(grown.heapBytes() >= 16_384, "a 10,000-byte body grown to a 16 KiB array: " + grown.heapBytes());
    }
}
