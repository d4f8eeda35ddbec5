package io.scalingsuite.aggregation.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;

/**
 * How often each pending entry failed while PostgreSQL answered, in the hash {@code <key>:<group>:failures} that
 * every replica shares. Not XPENDING's delivery count: that counts every redelivery, outages included.
 */
@ApplicationScoped
public class FailureCounts {

    private final RedisDataSource redis;
    private final String hash;

    public FailureCounts(RedisDataSource redis, AggregationConfig config) {
        this.redis = redis;
        this.hash = config.stream().key() + ":" + config.stream().group() + ":failures";
    }

    /** Counts one more failure of the entry; returns the count so far. */
    long increment(String id) {
        return redis.execute("HINCRBY", hash, id, "1").toLong();
    }

    /** Forgets the entry once it is acknowledged or parked. */
    void forget(String id) {
        redis.execute("HDEL", hash, id);
    }
}
