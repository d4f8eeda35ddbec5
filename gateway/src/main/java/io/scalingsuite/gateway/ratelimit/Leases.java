package io.scalingsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's leases, one per bucket, and how many tokens the next grant should ask for: a bucket's first lease
 * is {@link #FIRST_LEASE} tokens (or its cap when lower); later ones follow the rate at which the current lease is
 * being spent, enough for {@code horizonMillis} of it, between that first size and the cap. A quiet client so holds
 * few tokens it might leave unspent, a busy one asks Redis only a few times per horizon.
 */
final class Leases {

    /** Tokens in a bucket's first lease (fewer when its cap is lower). */
    static final long FIRST_LEASE = 100;

    private final Map<String, Lease> byBucket = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final long horizonMillis;

    Leases(long ttlMillis) {
        this.ttlMillis = ttlMillis;
        this.horizonMillis = Math.max(1, ttlMillis / 4);
    }

    /** An allowing decision from the bucket's lease, or null when it has none left. */
    Decision take(String key, long nowMillis) {
        Lease lease = byBucket.get(key);
        return lease == null ? null : lease.take(nowMillis);
    }

    /** Whether the bucket's lease is down to a quarter of its last grant: time to ask for the next one. */
    boolean runningLow(String key) {
        Lease lease = byBucket.get(key);
        return lease != null && lease.runningLow();
    }

    /** Tokens to ask for: the first lease's size, or the current lease's spending rate over the horizon. */
    long nextGrantSize(String key, long cap, long nowMillis) {
        long first = Math.min(cap, FIRST_LEASE);
        Lease lease = byBucket.get(key);
        if (lease == null) {
            return first;
        }
        return Math.max(first, Math.min(cap, lease.demandOver(horizonMillis, nowMillis)));
    }

    /**
     * Adds granted tokens to the bucket's lease, or starts a new lease when it has none or it expired; of a new
     * lease, {@code usedAtOnce} tokens went to the request that asked for it.
     */
    void grant(String key, long tokens, long usedAtOnce, long limit, long remainingShared, long resetInMillis,
            long nowMillis) {
        long expires = nowMillis + ttlMillis;
        long resetAt = nowMillis + resetInMillis;
        Lease current = byBucket.get(key);
        if (current != null && usedAtOnce == 0 && current.topUp(tokens, expires, remainingShared, resetAt, nowMillis)) {
            return;
        }
        if (tokens <= usedAtOnce) {
            return;
        }
        if (byBucket.size() > LocalRateLimiter.MAX_BUCKETS) {
            byBucket.values().removeIf(held -> held.expired(nowMillis));
        }
        byBucket.put(key, new Lease(tokens, usedAtOnce, expires, limit, remainingShared, resetAt, nowMillis));
    }
}
