package io.scalingsuite.gateway.ratelimit;

/** One rate-limit verdict, in the units of the {@code RateLimit-*} and {@code Retry-After} headers (seconds). */
public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** From GCRA state: {@code remaining} whole requests, times in milliseconds. */
    static Decision of(boolean allowed, long limit, long remaining, long resetMillis, long retryMillis) {
        return new Decision(allowed, limit, Math.max(0, remaining), ceilSeconds(resetMillis),
                allowed ? 0 : Math.max(1, ceilSeconds(retryMillis)));
    }

    private static long ceilSeconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}
