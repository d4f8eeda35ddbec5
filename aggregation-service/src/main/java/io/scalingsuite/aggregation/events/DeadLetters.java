package io.scalingsuite.aggregation.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * The dead-letter stream {@code <key>:dead}: an entry that is malformed or keeps failing is copied there with the
 * reason and its original id, then acknowledged, so it stops blocking nothing and loses nothing.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final RedisDataSource redis;
    private final ConsumerMetrics metrics;
    private final AggregationConfig.Stream config;

    public DeadLetters(RedisDataSource redis, ConsumerMetrics metrics, AggregationConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.config = config.stream();
    }

    void park(String id, Map<String, String> fields, String reason) {
        List<String> args = new ArrayList<>(List.of(config.key() + ":dead", "*", "reason", reason, "sourceId", id));
        fields.forEach((name, value) -> {
            args.add("field:" + name);
            args.add(value);
        });
        redis.execute("XADD", args.toArray(String[]::new));
        redis.execute("XACK", config.key(), config.group(), id);
        metrics.deadLettered();
        LOG.errorf("Event %s moved to %s:dead: %s", id, config.key(), reason);
    }

    /** How often the group has delivered this entry so far. */
    long deliveries(String id) {
        Response pending = redis.execute("XPENDING", config.key(), config.group(), id, id, "1");
        return pending == null || pending.size() == 0 ? 0 : pending.get(0).get(3).toLong();
    }
}
