package io.scalingsuite.gateway.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many hedges ({@link HedgedRead}) a route may send: each request it sends earns a tenth of one, up to ten kept
 * in reserve, and each hedge spends one. A route whose upstreams answer gets few hedges and keeps its reserve for
 * the moment one freezes; a route slow everywhere (an overloaded service, where a copy only adds load) gets at most
 * a tenth more requests once the reserve is spent, never twice its load.
 */
public final class HedgeBudget {

    /** Requests that earn one hedge. */
    static final int REQUESTS_PER_HEDGE = 10;
    /** Hedges kept in reserve at most (and at start). */
    static final int RESERVE = 10;

    /** In tenths of a hedge. */
    private final AtomicInteger earned = new AtomicInteger(RESERVE * REQUESTS_PER_HEDGE);

    /** A request was sent on the route. */
    void earn() {
        if (earned.get() < RESERVE * REQUESTS_PER_HEDGE) { // a full reserve, the usual case, costs no write
            earned.updateAndGet(tenths -> Math.min(RESERVE * REQUESTS_PER_HEDGE, tenths + 1));
        }
    }

    /** Whether a hedge may be sent now; if so it is paid for. */
    boolean spend() {
        int tenths;
        do {
            tenths = earned.get();
            if (tenths < REQUESTS_PER_HEDGE) {
                return false;
            }
        } while (!earned.compareAndSet(tenths, tenths - REQUESTS_PER_HEDGE));
        return true;
    }
}
