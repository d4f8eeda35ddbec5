package io.scalingsuite.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens this replica took at once from a bucket's shared GCRA budget, spent locally until used up or expired.
 * {@code remainingShared} is what the shared budget had left after the grant, so the {@code RateLimit-Remaining}
 * a client sees is that plus the tokens still held here. It also remembers when it was last granted tokens and how
 * many it then held, which gives the rate at which it is being spent.
 */
final class Lease {

    private final AtomicLong left;
    private final long limit;
    private volatile long expiresAtMillis;
    private volatile long remainingShared;
    private volatile long resetAtMillis;
    private volatile long grantedAtMillis;
    private volatile long heldAtGrant;

    /** {@code granted} tokens, of which {@code usedAtOnce} went to the request that asked for them. */
    Lease(long granted, long usedAtOnce, long expiresAtMillis, long limit, long remainingShared, long resetAtMillis,
            long nowMillis) {
        this.left = new AtomicLong(granted - usedAtOnce);
        this.expiresAtMillis = expiresAtMillis;
        this.limit = limit;
        this.remainingShared = remainingShared;
        this.resetAtMillis = resetAtMillis;
        this.grantedAtMillis = nowMillis;
        this.heldAtGrant = granted;
    }

    /** An allowing decision for one token, or null when the lease is used up or expired. */
    Decision take(long nowMillis) {
        if (nowMillis >= expiresAtMillis) {
            return null;
        }
        long after = left.decrementAndGet();
        if (after < 0) {
            return null;
        }
        // Held tokens were counted as used when granted, but the shared budget has refilled since: never above the limit.
        return Decision.of(true, limit, Math.min(limit, remainingShared + after), resetAtMillis - nowMillis, 0);
    }

    long left() {
        return Math.max(0, left.get());
    }

    /** Down to a quarter of what it held after its last grant. */
    boolean runningLow() {
        return left() <= heldAtGrant / 4;
    }

    /** Tokens spent in {@code horizonMillis} at the rate spent since the last grant. */
    long demandOver(long horizonMillis, long nowMillis) {
        long spent = Math.max(0, heldAtGrant - left());
        long elapsed = Math.max(1, nowMillis - grantedAtMillis);
        return spent * horizonMillis / elapsed;
    }

    /**
     * Adds a fresh grant to this lease unless it has expired (then the caller starts a new one); the tokens still
     * held live on with the new expiry. Never more tokens than Redis granted: a count driven below zero by takes
     * that found it empty is reset to zero first.
     */
    synchronized boolean topUp(long tokens, long expiresAt, long remainingShared, long resetAt, long nowMillis) {
        if (nowMillis >= expiresAtMillis) {
            return false;
        }
        long held = left.updateAndGet(current -> Math.max(current, 0) + tokens);
        this.remainingShared = remainingShared;
        this.resetAtMillis = resetAt;
        this.expiresAtMillis = expiresAt;
        this.grantedAtMillis = nowMillis;
        this.heldAtGrant = held;
        return true;
    }

    boolean expired(long nowMillis) {
        return nowMillis >= expiresAtMillis || left.get() <= 0;
    }
}
