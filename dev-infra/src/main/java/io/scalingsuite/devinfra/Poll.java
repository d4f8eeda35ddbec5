package io.scalingsuite.devinfra;

import java.util.function.BooleanSupplier;

/** Polls a condition every 100 ms until it holds or a deadline passes (dev-infra has no Awaitility). */
final class Poll {

    private Poll() {
    }

    static void until(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}
