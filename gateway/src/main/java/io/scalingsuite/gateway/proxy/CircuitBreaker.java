package io.scalingsuite.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One per route. Closed: everything passes; {@code failureThreshold} consecutive failures open it. Open: every
 * request is refused at once until {@code openDuration} has passed, then one trial request is let through
 * (half-open): its success closes the circuit, its failure opens it again, a neutral end (the client's fault, the
 * client gone, the exchange abandoned) frees the trial slot for the next request. A trial with no outcome after
 * {@code trialTimeout} is lost and the next request becomes the trial, so the circuit never stays half-open.
 *
 * <p>Every admitted request holds a {@link Permit} that its caller completes with an {@link Outcome}; an outcome
 * that arrives after the circuit moved on (the state changed, or the trial was superseded) changes nothing.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** How an exchange ended, as far as the upstream's health is concerned: see {@link UpstreamOutcome}. */
    public enum Outcome {
        SUCCESS, FAILURE, NEUTRAL
    }

    /** The right to send one request upstream; {@link #complete} it once, however the exchange ends. */
    public final class Permit {

        private final long epoch;
        private boolean completed;

        private Permit(long epoch) {
            this.epoch = epoch;
        }

        /** Reports the outcome; only the first call counts. Returns whether this call was the first. */
        public boolean complete(Outcome outcome) {
            synchronized (CircuitBreaker.this) {
                if (completed) {
                    return false;
                }
                completed = true;
                if (epoch == CircuitBreaker.this.epoch) {
                    record(outcome);
                }
                return true;
            }
        }
    }

    private final int failureThreshold;
    private final long openNanos;
    private final long trialNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failures;
    private long openUntil;
    private boolean trialInFlight;
    private long trialDeadline;
    /** Moves on every change of state and every trial, so late outcomes of earlier permits are ignored. */
    private long epoch;
    private Runnable onOpen = () -> {};

    public CircuitBreaker(int failureThreshold, Duration openDuration, Duration trialTimeout) {
        this(failureThreshold, openDuration, trialTimeout, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openDuration, Duration trialTimeout, LongSupplier nanoClock) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
        this.trialNanos = trialTimeout.toNanos();
        this.nanoClock = nanoClock;
    }

    public synchronized void onOpen(Runnable listener) {
        this.onOpen = listener;
    }

    /** A permit to send a request upstream now, or null when the circuit refuses it. */
    public synchronized Permit tryAcquire() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED :
                return new Permit(epoch);
            case OPEN :
                if (now - openUntil < 0) {
                    return null;
                }
                state = State.HALF_OPEN;
                return trial(now);
            default :
                // A trial still in flight within its deadline blocks; a lost one (no outcome in time) is replaced.
                return trialInFlight && now - trialDeadline < 0 ? null : trial(now);
        }
    }

    private Permit trial(long now) {
        trialInFlight = true;
        trialDeadline = now + trialNanos;
        return new Permit(++epoch);
    }

    private void record(Outcome outcome) {
        switch (outcome) {
            case SUCCESS -> {
                failures = 0;
                if (state != State.CLOSED) {
                    state = State.CLOSED;
                    trialInFlight = false;
                    epoch++;
                }
            }
            case FAILURE -> {
                failures++;
                if (state == State.HALF_OPEN || failures >= failureThreshold) {
                    open();
                }
            }
            case NEUTRAL -> {
                if (state == State.HALF_OPEN) {
                    trialInFlight = false; // nothing learned: the next request becomes the trial
                    epoch++;
                }
            }
        }
    }

    private void open() {
        state = State.OPEN;
        trialInFlight = false;
        openUntil = nanoClock.getAsLong() + openNanos;
        epoch++;
        onOpen.run();
    }

    public synchronized State state() {
        return state;
    }

    /** Seconds until a trial request will be allowed (at least 1). */
    public synchronized long retryAfterSeconds() {
        long remaining = state == State.OPEN ? openUntil - nanoClock.getAsLong() : 0;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
}
