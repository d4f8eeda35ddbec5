package io.scalingsuite.gateway.cache;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.support.RedisBreaker;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * The replica's one {@link RedisBreaker}, shared by the cache, the rate limiter and read-your-writes, configured by
 * {@code gateway.cache.breaker-failures} and {@code gateway.cache.breaker-open}.
 */
@Singleton
public class RedisBreakers {

    @Produces
    @Singleton
    RedisBreaker breaker(Redis redis, Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        return new RedisBreaker(redis, vertx, config.cache().breakerFailures(), config.cache().breakerOpen(),
                registry);
    }
}
