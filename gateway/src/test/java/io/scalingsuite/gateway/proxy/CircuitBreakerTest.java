package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.scalingsuite.gateway.proxy.CircuitBreaker.Outcome;
import io.scalingsuite.gateway.proxy.CircuitBreaker.Permit;
import io.scalingsuite.gateway.proxy.CircuitBreaker.State;

/** The circuit alone, on a clock the test moves: every way a trial can end, and late or repeated outcomes. */
class CircuitBreakerTest {

    private static final Duration OPEN = Duration.ofSeconds(10);
    private static final Duration TRIAL = Duration.ofSeconds(15);

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger opened = new AtomicInteger();
    private final CircuitBreaker circuit = new CircuitBreaker(3, OPEN, TRIAL, now::get);

    CircuitBreakerTest() {
        circuit.onOpen(opened::incrementAndGet);
    }

    @Test
    void shouldOpenAfterTheThresholdOfConsecutiveFailuresAndRefuseUntilTheOpenDurationEnds() {
        fail(2);
        circuit.tryAcquire().complete(Outcome.SUCCESS); // resets the count
        fail(2);
        assertEquals(State.CLOSED, circuit.state());
        fail(1);

        assertEquals(State.OPEN, circuit.state());
        assertEquals(1, opened.get());
        assertNull(circuit.tryAcquire());
        assertEquals(10, circuit.retryAfterSeconds());
    }

    @Test
    void shouldCloseWhenTheTrialSucceeds() {
        Permit trial = openAndAdmitTrial();
        assertNull(circuit.tryAcquire(), "one trial at a time");

        trial.complete(Outcome.SUCCESS);

        assertEquals(State.CLOSED, circuit.state());
        assertNotNull(circuit.tryAcquire());
    }

    @Test
    void shouldOpenAgainWhenTheTrialFails() {
        openAndAdmitTrial().complete(Outcome.FAILURE);

        assertEquals(State.OPEN, circuit.state());
        assertEquals(2, opened.get());
        assertNull(circuit.tryAcquire());
    }

    @Test
    void shouldAdmitTheNextRequestAsTheTrialWhenTheTrialEndsNeutral() {
        openAndAdmitTrial().complete(Outcome.NEUTRAL);

        assertEquals(State.HALF_OPEN, circuit.state(), "neither closed nor opened again");
        Permit next = circuit.tryAcquire();
        assertNotNull(next, "the slot is free");
        assertNull(circuit.tryAcquire());
        next.complete(Outcome.SUCCESS);
        assertEquals(State.CLOSED, circuit.state());
    }

    @Test
    void shouldAdmitANewTrialWhenTheTrialReportsNothingByItsDeadline() {
        Permit lost = openAndAdmitTrial();
        now.addAndGet(TRIAL.toNanos() - 1);
        assertNull(circuit.tryAcquire(), "still within the deadline");

        now.addAndGet(1);
        Permit next = circuit.tryAcquire();

        assertNotNull(next);
        lost.complete(Outcome.FAILURE);
        assertEquals(State.HALF_OPEN, circuit.state(), "the lost trial's late outcome changes nothing");
        next.complete(Outcome.SUCCESS);
        assertEquals(State.CLOSED, circuit.state());
    }

    @Test
    void shouldIgnoreOutcomesOfRequestsAdmittedBeforeTheCircuitOpened() {
        Permit early = circuit.tryAcquire();
        Permit trial = openAndAdmitTrial();

        early.complete(Outcome.SUCCESS);

        assertEquals(State.HALF_OPEN, circuit.state(), "only the trial decides");
        trial.complete(Outcome.FAILURE);
        assertEquals(State.OPEN, circuit.state());
    }

    @Test
    void shouldCountOnlyTheFirstCompletionOfAPermit() {
        Permit permit = circuit.tryAcquire();

        assertTrue(permit.complete(Outcome.FAILURE));
        assertFalse(permit.complete(Outcome.FAILURE));
        assertFalse(permit.complete(Outcome.FAILURE));

        fail(1);
        assertEquals(State.CLOSED, circuit.state(), "two failures, not four");
    }

    @Test
    void shouldNotCountNeutralOutcomesTowardsOpening() {
        fail(2);
        for (int i = 0; i < 10; i++) {
            circuit.tryAcquire().complete(Outcome.NEUTRAL);
        }
        assertEquals(State.CLOSED, circuit.state());
        fail(1);
        assertEquals(State.OPEN, circuit.state(), "neutral outcomes do not reset the count either");
    }

    private Permit openAndAdmitTrial() {
        fail(3);
        assertEquals(State.OPEN, circuit.state());
        now.addAndGet(OPEN.toNanos());
        Permit trial = circuit.tryAcquire();
        assertNotNull(trial);
        assertEquals(State.HALF_OPEN, circuit.state());
        return trial;
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            circuit.tryAcquire().complete(Outcome.FAILURE);
        }
    }
}
