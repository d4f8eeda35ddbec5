package io.scalingsuite.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.scalingsuite.gateway.cache.PurgeSubscriber;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Reports Redis without gating readiness on it: without Redis the gateway still proxies (cache bypassed, rate
 * limits per replica), so taking every replica out of the load balancer would turn a slowdown into an outage.
 * Readiness turns DOWN on shutdown through Quarkus' own shutdown check ({@code quarkus.shutdown.delay}).
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    private final Redis redis;
    private final PurgeSubscriber purges;

    public RedisReadinessCheck(Redis redis, PurgeSubscriber purges) {
        this.redis = redis;
        this.purges = purges;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("redis").up().withData("purge-subscription", purges.subscribed())
                .withData("purge-heartbeat-age-ms", purges.heartbeatAgeMillis());
        try {
            redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture()
                    .get(1, java.util.concurrent.TimeUnit.SECONDS);
            return response.withData("reachable", true).build();
        } catch (Exception e) {
            return response.withData("reachable", false)
                    .withData("mode", "degraded: cache bypassed, rate limits per replica").build();
        }
    }
}
