package io.scalingsuite.deploy.e2e;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (then fails with what was awaited). */
final class Wait {

    private Wait() {
    }

    static void until(String what, int seconds, BooleanSupplier condition) {
        until(() -> what, seconds, condition);
    }

    /** As {@link #until(String, int, BooleanSupplier)}, the description made when it fails (e.g. with events). */
    static void until(Supplier<String> what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what.get());
            }
            sleep(200);
        }
    }

    /** Runs each task on its own thread and waits for all of them (as deletions run in parallel in a cluster). */
    static void inParallel(String name, List<Runnable> tasks) {
        List<Thread> threads = tasks.stream().map(task -> new Thread(task, name)).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
