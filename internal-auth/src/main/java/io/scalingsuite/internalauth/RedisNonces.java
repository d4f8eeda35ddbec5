package io.scalingsuite.internalauth;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.contracts.CallerGate;

/** Nonces of signed requests claimed in Redis ({@code SET NX PX}), so every replica refuses a replay. */
@ApplicationScoped
public class RedisNonces implements CallerGate.SharedNonces {

    private final ReactiveRedisDataSource redis;

    public RedisNonces(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<Boolean> claim(String key, Duration ttl) {
        return redis.execute("SET", key, "1", "NX", "PX", Long.toString(ttl.toMillis()))
                .map(answer -> answer != null).subscribeAsCompletionStage();
    }
}
