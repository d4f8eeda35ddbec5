package io.scalingsuite.gateway.support;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Bounds the wait for a future: a Redis that accepts connections but never answers must not hold requests. Also
 * what is left of a budget started earlier, for a second try that must end when the first one would have.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static <T> Future<T> within(Vertx vertx, Future<T> future, long millis) {
        if (future.isComplete()) {
            return future;
        }
        Promise<T> promise = Promise.promise();
        long timer =
                vertx.setTimer(millis, id -> promise.tryFail(new TimeoutException("no answer in " + millis + " ms")));
        future.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                promise.tryComplete(result.result());
            } else {
                promise.tryFail(result.cause());
            }
        });
        return promise.future();
    }

    /** Whole milliseconds left of {@code budget} counted from {@code startedNanos} (a {@code System.nanoTime()}). */
    public static long millisLeft(long startedNanos, Duration budget) {
        long left = budget.toNanos() - (System.nanoTime() - startedNanos);
        return left <= 0 ? 0 : left / 1_000_000;
    }
}
