package io.scalingsuite.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.ratelimit.Decision;
import io.scalingsuite.gateway.ratelimit.RateLimiter;

/** The shared GCRA keeps a tier's own rate and window, also past 1,000 requests a second and after a tier change. */
@QuarkusTest
class RateLimitTierTest {

    @Inject
    RateLimiter limiter;

    @Inject
    GatewayConfig config;

    @Inject
    RedisDataSource redis;

    @Test
    void shouldRefillAFastTiersBudgetWithinItsOwnPeriod() {
        // Tier "fast": 7,200 per second, an emission interval under a millisecond. Rounded to whole
        // milliseconds it would be 1 ms, and an exhausted budget would take 7.2 s to refill instead of 1 s.
        String bucket = "fast-" + UUID.randomUUID();
        Decision last = check(bucket, "fast");
        for (int i = 0; i < 100_000 && last.allowed(); i++) {
            last = check(bucket, "fast");
        }
        assertFalse(last.allowed(), "the burst ran out");
        assertEquals(1, last.resetSeconds(), "a refused client is whole again within the tier's one-second period");
    }

    @Test
    void shouldNeverMakeAClientWaitLongerThanOnePeriodOfItsTier() {
        // State left by a larger tier (or a benchmark): the next allowed arrival a day ahead.
        String bucket = "changed-" + UUID.randomUUID();
        long dayAheadMicros = (System.currentTimeMillis() + Duration.ofDays(1).toMillis()) * 1000;
        redis.value(String.class).set(config.cache().keyPrefix() + ":rl:tiny:" + bucket, Long.toString(dayAheadMicros));
        Decision decision = check(bucket, "tiny");
        assertFalse(decision.allowed());
        assertTrue(decision.retryAfterSeconds() <= Duration.ofHours(1).toSeconds(),
                "tier tiny's period is one hour, Retry-After was " + decision.retryAfterSeconds() + " s");
    }

    private Decision check(String bucket, String tier) {
        return limiter.check(bucket, tier).toCompletionStage().toCompletableFuture()
                .orTimeout(5, TimeUnit.SECONDS).join();
    }
}
