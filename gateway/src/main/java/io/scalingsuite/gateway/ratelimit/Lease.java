package io.scalingsuite.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens this replica took at once from a bucket's shared GCRA budget, spent locally until used up or expired.
 * {@code remainingShared} is what the shared budget had left after the grant, so the {@code RateLimit-Remaining}
 * a client sees is that plus the tokens still held here.
 */
final class Lease {

    private final AtomicLong left;
    private final long limit;
    private volatile long expiresAtMillis;
    private volatile long remainingShared;
    private volatile long resetAtMillis;

    Lease(long tokens, long expiresAtMillis, long limit, long remainingShared, long resetAtMillis) {
        this.left = new AtomicLong(tokens);
        this.expiresAtMillis = expiresAtMillis;
        this.limit = limit;
        this.remainingShared = remainingShared;
        this.resetAtMillis = resetAtMillis;
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
        return Decision.of(true, limit, remainingShared + after, resetAtMillis - nowMillis, 0);
    }

    long left() {
        return Math.max(0, left.get());
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
        left.getAndUpdate(held -> Math.max(held, 0) + tokens);
        this.remainingShared = remainingShared;
        this.resetAtMillis = resetAt;
        this.expiresAtMillis = expiresAt;
        return true;
    }

    boolean expired(long nowMillis) {
        return nowMillis >= expiresAtMillis || left.get() <= 0;
    }
}
