package io.scalingsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * The same GCRA as the Redis script, in this replica's memory: the fallback while Redis cannot answer. Each
 * replica then allows the full limit, so the effective limit is multiplied by the replica count until Redis
 * is back. The table is dropped when it grows past {@link #MAX_BUCKETS} (a flood of addresses).
 */
@Singleton
public class LocalRateLimiter {

    static final int MAX_BUCKETS = 100_000;

    private final Map<String, long[]> theoreticalArrival = new ConcurrentHashMap<>();

    /** {@code intervalMicros}: microseconds between two requests at the sustained rate, as in the Redis script. */
    public Decision check(String bucket, long limit, long intervalMicros) {
        if (theoreticalArrival.size() > MAX_BUCKETS) {
            theoreticalArrival.clear();
        }
        long[] tat = theoreticalArrival.computeIfAbsent(bucket, k -> new long[] { Long.MIN_VALUE });
        synchronized (tat) {
            long now = System.nanoTime() / 1000;
            long current = Math.max(tat[0], now);
            long next = current + intervalMicros;
            long allowAt = next - limit * intervalMicros;
            if (now < allowAt) {
                return Decision.of(false, limit, 0, millis(current - now), millis(allowAt - now));
            }
            tat[0] = next;
            return Decision.of(true, limit, (now - allowAt) / intervalMicros, millis(next - now), 0);
        }
    }

    private static long millis(long micros) {
        return Math.max(1, (micros + 999) / 1000);
    }
}
