package io.scalingsuite.catalog.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Reports the cache without gating readiness on it: with Redis down the service still answers from
 * PostgreSQL, so taking pods out of the load balancer would turn a slowdown into an outage.
 */
@Readiness
@ApplicationScoped
public class RedisCacheReadinessCheck implements HealthCheck {

    private final ReactiveRedisDataSource redis;

    public RedisCacheReadinessCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("redis-cache").up();
        try {
            redis.execute("PING").await().atMost(Duration.ofSeconds(1));
            return response.withData("reachable", true).build();
        } catch (RuntimeException e) {
            return response.withData("reachable", false)
                    .withData("mode", "degraded: reads fall through to PostgreSQL")
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
