package io.scalingsuite.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nonces seen in one process, each kept until the signature that carried it has expired. Services claim a nonce in
 * Redis first, so a replay to another replica is refused too; this ledger decides alone when Redis cannot answer.
 * Bounded: when it holds {@code maxEntries} live nonces it refuses new ones (fails closed) rather than forget one.
 */
public final class NonceLedger {

    private static final int PURGE_EVERY = 1024;

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final AtomicInteger claimsSincePurge = new AtomicInteger();
    private final int maxEntries;

    public NonceLedger(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Whether this is the nonce's first use; {@code expiresAtMillis}: when a replay would be refused as expired. */
    public boolean claim(String nonce, long expiresAtMillis, long nowMillis) {
        if (claimsSincePurge.incrementAndGet() >= PURGE_EVERY || expiries.size() >= maxEntries) {
            claimsSincePurge.set(0);
            expiries.values().removeIf(expiry -> expiry <= nowMillis);
        }
        if (expiries.size() >= maxEntries) {
            return false;
        }
        Long previous = expiries.putIfAbsent(nonce, expiresAtMillis);
        return previous == null || (previous <= nowMillis && expiries.replace(nonce, previous, expiresAtMillis));
    }

    public int size() {
        return expiries.size();
    }
}
