package io.scalingsuite.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.ratelimit.Decision;
import io.scalingsuite.gateway.ratelimit.LocalRateLimiter;
import io.scalingsuite.gateway.ratelimit.RateLimiter;
import io.scalingsuite.gateway.support.RedisBreaker;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Leased tokens: a replica takes several tokens of the shared GCRA budget per Redis round trip (tier {@code leased}:
 * 400 per hour, so leases of 4) and spends them in memory; two replicas still share one budget.
 */
@QuarkusTest
class LeasedRateLimitTest {

    private static final int LIMIT = 400;
    private static final int LEASE = 4;

    @Inject
    RateLimiter limiter;

    @Inject
    Redis redisClient;

    @Inject
    Vertx vertx;

    @Inject
    GatewayMetrics metrics;

    @Inject
    GatewayConfig config;

    @Inject
    RedisDataSource redis;

    @Test
    void shouldSpendALeaseWithoutAskingRedisAgain() {
        String bucket = "lease-" + UUID.randomUUID();
        String key = config.cache().keyPrefix() + ":rl:leased:" + bucket;
        Decision first = check(limiter, bucket);
        String afterFirst = redis.value(String.class).get(key);
        // Leases of 4: the next lease is asked for only once a quarter (1 token) is left, i.e. on the third take.
        assertTrue(check(limiter, bucket).allowed());
        assertEquals(afterFirst, redis.value(String.class).get(key), "the lease's tokens were spent in memory");
        assertEquals(LIMIT - 1, first.remaining(), "what the client may still send counts the leased tokens");
    }

    @Test
    void shouldAskForTheNextLeaseBeforeThisOneRunsOut() {
        String bucket = "ahead-" + UUID.randomUUID();
        String key = config.cache().keyPrefix() + ":rl:leased:" + bucket;
        check(limiter, bucket);
        check(limiter, bucket);
        String beforeRefill = redis.value(String.class).get(key);
        assertTrue(check(limiter, bucket).allowed(), "the third of four tokens, leaving one");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !beforeRefill.equals(redis.value(String.class).get(key)));
        String refilled = redis.value(String.class).get(key);
        for (int i = 0; i < 2; i++) {
            assertTrue(check(limiter, bucket).allowed());
        }
        assertEquals(refilled, redis.value(String.class).get(key), "the held token and the topped-up lease, in memory");
    }

    @Test
    void shouldShareOneBudgetBetweenReplicasThatLease() {
        RateLimiter otherReplica =
                new RateLimiter(new RedisBreaker(redisClient, vertx, 3, Duration.ofSeconds(1),
                        new SimpleMeterRegistry()),
                        new LocalRateLimiter(), metrics, config);
        String bucket = "shared-" + UUID.randomUUID();
        int allowed = 0;
        for (int i = 0; i < LIMIT + 50; i++) {
            if (check(i % 3 == 0 ? otherReplica : limiter, bucket).allowed()) {
                allowed++;
            }
        }
        assertTrue(allowed <= LIMIT, "never more than the shared limit: " + allowed);
        assertTrue(allowed >= LIMIT - 2 * (LEASE - 1), "at most one unspent lease per replica is lost: " + allowed);
    }

    private static Decision check(RateLimiter limiter, String bucket) {
        return limiter.check(bucket, "leased").toCompletionStage().toCompletableFuture()
                .orTimeout(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }
}
