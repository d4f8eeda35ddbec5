package io.scalingsuite.gateway.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;

/**
 * Fresh entries of the shared Redis cache, also kept in this replica's memory for at most
 * {@code gateway.cache.near-ttl}, so a hot key is answered without a Redis round trip. It forgets entries by the
 * same tags as Redis: on every purge this replica makes (before and after the Redis purge), on every purge
 * message of any replica or service, and entirely while the purge subscription is down (it is then not used at
 * all, since purges could be missed). An epoch, bumped by every purge, keeps a response that was read from
 * Redis before a purge of one of its tags from being put here after it ({@link RecentPurges}). A purge finds its
 * entries through a tag index instead of scanning them all: purge messages arrive on an event loop, several per
 * write, and a scan of every entry per message blocked that loop for seconds under a few dozen writes a second. It
 * holds at most {@code gateway.cache.near-max-entries} entries weighing at most {@code gateway.cache.near-max-bytes}
 * on the heap ({@link NearEntries}): when a put would pass either bound, expired entries are dropped by a scan (at
 * most every quarter of the TTL, not on every put), then the least recently used ones are evicted; an entry heavier
 * than the byte bound is never kept here (it is still served from Redis).
 */
@Singleton
public class NearCache {

    private final NearEntries entries;
    /** Keys by tag; may also name keys since expired or replaced (a purge then only forgets too much). */
    private final Map<String, Set<String>> keysByTag = new ConcurrentHashMap<>();
    private final RecentPurges purges = new RecentPurges();
    private final AtomicLong nextScanAtMillis = new AtomicLong();
    private final AtomicLong scans = new AtomicLong();
    private final long scanIntervalMillis;
    private final int maxEntries;
    private final long ttlMillis;
    private volatile boolean usable;
    /** Index size that triggers the next pruning: grows after each, so entries with many tags never prune per put. */
    private volatile int pruneAtTags;

    @Inject
    public NearCache(GatewayConfig config, GatewayMetrics metrics) {
        this(config.cache().enabled() ? config.cache().nearMaxEntries() : 0,
                config.cache().nearMaxBytes(), config.cache().nearTtl().toMillis());
        metrics.nearCacheHeld(this, NearCache::heldBytes);
    }

    NearCache(int maxEntries, long maxBytes, long ttlMillis) {
        this.entries = new NearEntries(maxEntries, maxBytes);
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
        this.scanIntervalMillis = Math.max(1, ttlMillis / 4);
        this.pruneAtTags = 2 * maxEntries;
    }

    /** The epoch to pass to {@link #put}: read it before asking Redis. */
    public long epoch() {
        return purges.epoch();
    }

    /** A fresh entry under the key, or null. */
    public CachedResponse get(String key, long nowMillis) {
        if (!usable || maxEntries <= 0) {
            return null;
        }
        NearEntries.Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        entries.touch(entry);
        return entry.response;
    }

    /** Keeps a fresh entry read or stored in Redis, unless one of its tags was purged since {@code epochBefore}. */
    public void put(String key, CachedResponse response, long epochBefore, long nowMillis) {
        if (!usable || maxEntries <= 0 || !response.isFresh(nowMillis)
                || purges.touchedSince(epochBefore, response.tags())) {
            return;
        }
        long bytes = NearEntries.weigh(key, response);
        if (!entries.admits(bytes)) {
            return; // heavier than the byte bound by itself: served from Redis
        }
        if (entries.full(bytes)) {
            dropExpired(nowMillis); // then the put evicts the least recently used entries
        }
        if (keysByTag.size() > pruneAtTags) {
            keysByTag.values().removeIf(keys -> keys.removeIf(k -> !entries.containsKey(k)) && keys.isEmpty());
            pruneAtTags = keysByTag.size() + 2 * maxEntries;
        }
        long freshUntil = response.storedAtMillis() + response.freshSeconds() * 1000;
        NearEntries.Entry entry = entries.put(key, response, Math.min(nowMillis + ttlMillis, freshUntil), bytes);
        for (String tag : response.tags()) {
            keysByTag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key);
        }
        // Indexed before this check: a purge recorded later finds the key under its tags
        if (purges.touchedSince(epochBefore, response.tags())) {
            entries.remove(key, entry); // a purge ran meanwhile and may not have seen it
        }
    }

    /**
     * Drops expired entries, at most once per scan interval: a full cache gets a put for every Redis hit, and a
     * scan of every entry (and, before, of the whole tag index) on each of them cost more than the hits saved.
     */
    private void dropExpired(long nowMillis) {
        long due = nextScanAtMillis.get();
        if (nowMillis >= due && nextScanAtMillis.compareAndSet(due, nowMillis + scanIntervalMillis)) {
            scans.incrementAndGet();
            entries.removeExpired(nowMillis);
        }
    }

    /** Forgets every entry carrying one of the tags. */
    public void invalidate(Collection<String> tags) {
        purges.purged(tags);
        for (String tag : tags) {
            Set<String> keys = keysByTag.remove(tag);
            if (keys != null) {
                keys.forEach(key -> entries.remove(key, null));
            }
        }
    }

    /** Whether purges reach this replica: while they may not, nothing is kept or answered from memory. */
    public void purgesArrive(boolean arrive) {
        purges.purgedEverything();
        entries.clear();
        keysByTag.clear();
        usable = arrive;
    }

    public int size() {
        return entries.size();
    }

    /** What the entries held weigh on the heap ({@link NearEntries#weigh}): at most the byte bound. */
    public long heldBytes() {
        return entries.heldBytes();
    }

    /** Scans for expired entries so far (for tests). */
    long scans() {
        return scans.get();
    }

    /** Tags in the index (live or not): at most the live entries' tags plus twice the entry limit. */
    int indexedTags() {
        return keysByTag.size();
    }
}
