package io.scalingsuite.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** The near cache's tag index: a purge forgets exactly the entries carrying its tags, and the index stays bounded. */
class NearCacheIndexTest {

    private static final long NOW = 1_795_000_000_000L;

    private static CachedResponse tagged(String... tags) {
        return storedAt(NOW, tags);
    }

    private static CachedResponse storedAt(long millis, String... tags) {
        return new CachedResponse(200, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("{}"), millis, 60, 0,
                List.of(tags));
    }

    private static NearCache usable(int maxEntries, long ttlMillis) {
        NearCache near = new NearCache(maxEntries, 1L << 30, ttlMillis);
        near.purgesArrive(true);
        return near;
    }

    @Test
    void shouldForgetOnlyTheEntriesCarryingAPurgedTag() {
        NearCache near = usable(100, 5_000);
        near.put("/a", tagged("product:a"), near.epoch(), NOW);
        near.put("/b", tagged("product:b"), near.epoch(), NOW);
        near.put("/list", tagged("products"), near.epoch(), NOW);

        near.invalidate(List.of("product:a", "products", "reviews:a"));

        assertNull(near.get("/a", NOW));
        assertNull(near.get("/list", NOW));
        assertNotNull(near.get("/b", NOW), "an entry without a purged tag stays");
    }

    @Test
    void shouldNotKeepAnEntryWhosePutRacedAPurge() {
        NearCache near = usable(100, 5_000);
        long before = near.epoch();
        near.invalidate(List.of("product:a"));

        near.put("/a", tagged("product:a"), before, NOW);

        assertNull(near.get("/a", NOW));
    }

    @Test
    void shouldKeepAnEntryWhosePutRacedOnlyPurgesOfOtherTags() {
        NearCache near = usable(100, 5_000);
        long before = near.epoch();
        near.invalidate(List.of("product:b", "products", "reviews:b"));
        near.invalidate(List.of("view:category:c"));

        near.put("/a", tagged("product:a"), before, NOW);

        assertNotNull(near.get("/a", NOW), "no purge since its read concerned it");
    }

    @Test
    void shouldNotKeepAnEntryWhenMorePurgesRacedItsPutThanAreRemembered() {
        NearCache near = usable(100, 5_000);
        long before = near.epoch();
        for (int i = 0; i < RecentPurges.KEPT; i++) {
            near.invalidate(List.of("product:other-" + i));
        }

        near.put("/a", tagged("product:a"), before, NOW);

        assertNull(near.get("/a", NOW), "the first purges since its read are forgotten: it may have been one");
    }

    @Test
    void shouldNotKeepAnEntryWhosePutRacedALostSubscription() {
        NearCache near = usable(100, 5_000);
        long before = near.epoch();
        near.purgesArrive(false);
        near.purgesArrive(true);

        near.put("/a", tagged("product:a"), before, NOW);

        assertNull(near.get("/a", NOW), "purges may have been missed while the subscription was down");
    }

    @Test
    void shouldBoundTheIndexWhenEntriesExpireWithoutAPurge() {
        NearCache near = usable(10, 1_000);
        for (int i = 0; i < 1_000; i++) {
            long now = NOW + i * 200L; // each entry outlives the next four puts, then expires unpurged
            near.put("/p/" + i, storedAt(now, "product:" + i), near.epoch(), now);
        }

        assertTrue(near.size() <= 10, "entries: " + near.size());
        assertTrue(near.indexedTags() <= 5 + 2 * 10 + 1, "indexed tags: " + near.indexedTags());
    }

    @Test
    void shouldNotScanAFullCacheOnEveryPut() {
        NearCache near = usable(100, 60_000);
        for (int i = 0; i < 1_000; i++) { // a hot set ten times the limit, every key fresh
            near.put("/p/" + i, tagged("product:" + i), near.epoch(), NOW);
        }

        assertEquals(100, near.size());
        assertEquals(1, near.scans(), "900 puts found the cache full; one scan per interval, not one per put");
    }

    @Test
    void shouldMakeRoomOnceEntriesHaveExpired() {
        NearCache near = usable(10, 1_000);
        for (int i = 0; i < 10; i++) {
            near.put("/old/" + i, tagged("product:" + i), near.epoch(), NOW);
        }
        long later = NOW + 1_000; // the TTL has passed, so has the scan interval

        near.put("/new", storedAt(later, "product:new"), near.epoch(), later);

        assertNotNull(near.get("/new", later));
        assertEquals(1, near.size());
    }
}
