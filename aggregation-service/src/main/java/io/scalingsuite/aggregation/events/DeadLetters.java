package io.scalingsuite.aggregation.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;

/**
 * The dead-letter stream {@code <key>:dead}: an entry that is malformed or keeps failing while the database answers
 * is copied there with the reason and its original id, then acknowledged, so it blocks nothing. The stream keeps
 * about {@code dead-letter-max-length} entries (older ones are trimmed); {@link DeadLetterReplay} puts them back.
 */
@ApplicationScoped
public class DeadLetters {

    /** Prefix of a dead entry's copies of the original fields. */
    static final String FIELD_PREFIX = "field:";

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
        List<String> args = new ArrayList<>(List.of(config.key() + ":dead", "MAXLEN", "~",
                Long.toString(config.deadLetterMaxLength()), "*", "reason", reason, "sourceId", id));
        fields.forEach((name, value) -> {
            args.add(FIELD_PREFIX + name);
            args.add(value);
        });
        redis.execute("XADD", args.toArray(String[]::new));
        redis.execute("XACK", config.key(), config.group(), id);
        metrics.deadLettered();
        LOG.errorf("Event %s moved to %s:dead: %s", id, config.key(), reason);
    }
}
