package io.scalingsuite.gateway.proxy;

import java.time.Duration;

/**
 * One per route. Closed: everything passes; {@code failureThreshold} consecutive failures open it. Open: every
 * request is refused at once until {@code openDuration} has passed, then one trial request is let through
 * (half-open): its success closes the circuit, its failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private State state = State.CLOSED;
    private int failures;
    private long openUntil;
    private Runnable onOpen = () -> { };

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
    }

    public synchronized void onOpen(Runnable listener) {
        this.onOpen = listener;
    }

    /** Whether a request may go to the upstream now. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (System.nanoTime() - openUntil >= 0) {
                    state = State.HALF_OPEN; // this caller is the trial
                    return true;
                }
                return false;
            default:
                return false; // a trial is in flight
        }
    }

    public synchronized void onSuccess() {
        failures = 0;
        state = State.CLOSED;
    }

    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= failureThreshold)) {
            state = State.OPEN;
            openUntil = System.nanoTime() + openNanos;
            onOpen.run();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Seconds until a trial request will be allowed (at least 1). */
    public synchronized long retryAfterSeconds() {
        long remaining = openUntil - System.nanoTime();
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
}
