package io.scalingsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The same GCRA as the Redis script, in this replica's memory: the fallback while Redis cannot answer. Each
 * replica then allows the full limit, so the effective limit is multiplied by the replica count until Redis
 * is back. The table is dropped when it grows past {@link #MAX_BUCKETS} (a flood of addresses).
 */
@ApplicationScoped
public class LocalRateLimiter {

    static final int MAX_BUCKETS = 100_000;

    private final Map<String, long[]> theoreticalArrival = new ConcurrentHashMap<>();

    public Decision check(String bucket, long limit, long intervalMillis) {
        if (theoreticalArrival.size() > MAX_BUCKETS) {
            theoreticalArrival.clear();
        }
        long[] tat = theoreticalArrival.computeIfAbsent(bucket, k -> new long[1]);
        synchronized (tat) {
            long now = System.currentTimeMillis();
            long current = Math.max(tat[0], now);
            long next = current + intervalMillis;
            long allowAt = next - limit * intervalMillis;
            if (now < allowAt) {
                return Decision.of(false, limit, 0, current - now, allowAt - now);
            }
            tat[0] = next;
            return Decision.of(true, limit, (now - allowAt) / intervalMillis, next - now, 0);
        }
    }
}
