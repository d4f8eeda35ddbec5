package io.scalingsuite.catalog.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the Redis data sources on the main thread before any startup observer starts a thread of ours.
 * Quarkus 3.33's recorder builds both from one plain {@code HashMap.computeIfAbsent}: when the background threads'
 * first command created the blocking data source while Quarkus created the reactive one at startup, the
 * application failed to start, now and then, with a {@code ConcurrentModificationException}.
 */
@ApplicationScoped
public class RedisBeansFirst {

    private final RedisDataSource blocking;
    private final ReactiveRedisDataSource reactive;

    public RedisBeansFirst(RedisDataSource blocking, ReactiveRedisDataSource reactive) {
        this.blocking = blocking;
        this.reactive = reactive;
    }

    void create(@Observes @Priority(0) StartupEvent startup) {
        // A call on each client proxy creates its instance; the answers themselves are not needed.
        blocking.getReactive();
        reactive.getRedis();
    }
}
