package io.scalingsuite.gateway.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The near cache's entries in order of use, bounded by count and by the heap they hold: keeping one evicts the least
 * recently used until both bounds hold, and one heavier than the byte bound alone is never kept. Lookups are
 * lock-free (a concurrent map); every change, and the recency list, is under one lock held for O(1) work (an eviction
 * unlinks the list's head), except {@link #removeExpired}, which the near cache runs at most once per scan interval.
 * A lookup moves its entry to the newest end only if it gets the lock at once: an event loop never waits for another
 * to mark a read, and under contention an entry's recency may lag a read behind, which can only evict it early.
 */
final class NearEntries {

    /**
     * What an entry holds besides its response ({@link CachedResponse#heapBytes}): this node, the map's node and the
     * key's string (plus its characters, counted per key).
     */
    static final long OVERHEAD = 128;

    /** An entry and its place in the recency list (links guarded by the lock; null once unlinked). */
    static final class Entry {
        final String key;
        final CachedResponse response;
        final long expiresAtMillis;
        final long bytes;
        private Entry older;
        private Entry newer;

        private Entry(String key, CachedResponse response, long expiresAtMillis, long bytes) {
            this.key = key;
            this.response = response;
            this.expiresAtMillis = expiresAtMillis;
            this.bytes = bytes;
        }
    }

    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** The circular list's sentinel: its {@code newer} is the least recently used entry, its {@code older} the most. */
    private final Entry list = new Entry(null, null, 0, 0);
    private final int maxEntries;
    private final long maxBytes;
    private volatile int count;
    /** The entries' weight, under the lock; {@link #heldBytes} publishes it at each unlock, within the bound. */
    private long held;
    private volatile long heldBytes;

    NearEntries(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        list.older = list;
        list.newer = list;
    }

    /** What an entry of this response under this key weighs against the byte bound. */
    static long weigh(String key, CachedResponse response) {
        return OVERHEAD + key.length() + response.heapBytes();
    }

    Entry get(String key) {
        return byKey.get(key);
    }

    /** Marks the entry as just read, unless another thread holds the lock (see the class comment). */
    void touch(Entry entry) {
        if (lock.tryLock()) {
            try {
                if (entry.newer != null) {
                    unlink(entry);
                    linkNewest(entry);
                }
            } finally {
                unlock();
            }
        }
    }

    /** Whether an entry of {@code bytes} may be kept at all: never one heavier than the byte bound by itself. */
    boolean admits(long bytes) {
        return maxEntries > 0 && bytes <= maxBytes;
    }

    /** Whether keeping an entry of {@code bytes} would have to evict one. */
    boolean full(long bytes) {
        return count >= maxEntries || heldBytes + bytes > maxBytes;
    }

    /** Keeps an entry {@link #admits} admits (replacing the key's), evicting the least recently used ones. */
    Entry put(String key, CachedResponse response, long expiresAtMillis, long bytes) {
        if (!admits(bytes)) {
            throw new IllegalArgumentException("heavier than the byte bound: " + bytes);
        }
        Entry entry = new Entry(key, response, expiresAtMillis, bytes);
        lock.lock();
        try {
            drop(byKey.put(key, entry));
            linkNewest(entry);
            count++;
            held += bytes;
            while (count > maxEntries || held > maxBytes) {
                Entry eldest = list.newer; // never the new entry: it alone fits both bounds
                byKey.remove(eldest.key, eldest);
                drop(eldest);
            }
        } finally {
            unlock();
        }
        return entry;
    }

    /** Forgets the key's entry: whichever it is, or only {@code entry} if given (a put may have replaced it since). */
    void remove(String key, Entry entry) {
        lock.lock();
        try {
            if (entry == null) {
                drop(byKey.remove(key));
            } else if (byKey.remove(key, entry)) {
                drop(entry);
            }
        } finally {
            unlock();
        }
    }

    /** Drops every entry expired at {@code nowMillis}: a walk of the whole list, so not on every put. */
    void removeExpired(long nowMillis) {
        removeIf(entry -> nowMillis >= entry.expiresAtMillis);
    }

    void clear() {
        removeIf(entry -> true);
    }

    boolean containsKey(String key) {
        return byKey.containsKey(key);
    }

    int size() {
        return byKey.size();
    }

    /** The weight of the entries kept: at most the byte bound, at any moment. */
    long heldBytes() {
        return heldBytes;
    }

    private void removeIf(Predicate<Entry> gone) {
        lock.lock();
        try {
            for (Entry entry = list.newer; entry != list;) {
                Entry next = entry.newer;
                if (gone.test(entry)) {
                    byKey.remove(entry.key, entry);
                    drop(entry);
                }
                entry = next;
            }
        } finally {
            unlock();
        }
    }

    /** Publishes the weight, which holds the bound again whenever the lock is released. */
    private void unlock() {
        heldBytes = held;
        lock.unlock();
    }

    /** Unlinks an entry already gone from the map, if it is still listed, and stops counting it. */
    private void drop(Entry entry) {
        if (entry == null || entry.newer == null) {
            return;
        }
        unlink(entry);
        count--;
        held -= entry.bytes;
    }

    private void unlink(Entry entry) {
        entry.older.newer = entry.newer;
        entry.newer.older = entry.older;
        entry.older = null;
        entry.newer = null;
    }

    private void linkNewest(Entry entry) {
        entry.older = list.older;
        entry.newer = list;
        list.older.newer = entry;
        list.older = entry;
    }
}
