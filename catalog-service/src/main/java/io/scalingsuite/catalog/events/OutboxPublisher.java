package io.scalingsuite.catalog.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.shard.ShardPools;
import io.scalingsuite.contracts.events.StreamFields;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Moves one batch from the outbox to the Redis Stream in one transaction: claim rows with
 * {@code FOR UPDATE SKIP LOCKED} (so relays in several replicas never take the same row), {@code XADD} them in
 * id order (pipelined, one write per batch), delete them, commit. If Redis fails the transaction rolls back and the rows wait for the next try;
 * if the commit fails after XADD the events go out twice, which consumers absorb by event id. Every shard has
 * its own outbox; {@link OutboxRelay} drains each.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final String CLAIM = "SELECT id, event_id, event_type, aggregate_type, aggregate_id, "
            + "aggregate_version, occurred_at, payload::text FROM catalog.outbox ORDER BY id LIMIT ? "
            + "FOR UPDATE SKIP LOCKED";

    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final ShardPools shards;
    private final String stream;
    private final int batchSize;
    private final Counter published;
    private final Counter failures;
    private final Timer lag;

    public OutboxPublisher(ReactiveRedisDataSource redis, CatalogConfig config, MeterRegistry registry,
            ShardPools shards) {
        this.shards = shards;
        this.redis = redis;
        this.stream = config.outbox().streamKey();
        this.batchSize = config.outbox().batchSize();
        this.published = registry.counter("catalog.outbox.published");
        this.failures = registry.counter("catalog.outbox.failures");
        this.lag = Timer.builder("catalog.outbox.lag").description("From the write's commit time to its XADD")
                .publishPercentileHistogram().register(registry);
    }

    /** The Redis Stream the events go to. */
    public String stream() {
        return stream;
    }

    /** Publishes up to one batch from every shard's outbox; returns how many events went out in all. */
    public int drainOnce() {
        int total = 0;
        for (var shard : shards.all()) {
            total += drainOnce(shard.primary());
        }
        return total;
    }

    /** Publishes up to one batch from one shard's outbox; returns how many events went out. */
    public int drainOnce(DataSource dataSource) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> publishBatch(dataSource));
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
    }

    private int publishBatch(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>();
            List<Instant> occurredAt = new ArrayList<>();
            List<Request> adds = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setInt(1, batchSize);
                try (ResultSet row = claim.executeQuery()) {
                    while (row.next()) {
                        Instant occurred = row.getTimestamp(7).toInstant();
                        adds.add(Request.cmd(Command.XADD).arg(stream).arg("*")
                                .arg(StreamFields.EVENT_ID).arg(row.getString(2))
                                .arg(StreamFields.TYPE).arg(row.getString(3))
                                .arg(StreamFields.AGGREGATE_TYPE).arg(row.getString(4))
                                .arg(StreamFields.AGGREGATE_ID).arg(row.getString(5))
                                .arg(StreamFields.VERSION).arg(row.getLong(6))
                                .arg(StreamFields.OCCURRED_AT).arg(occurred.toString())
                                .arg(StreamFields.PAYLOAD).arg(row.getString(8)));
                        occurredAt.add(occurred);
                        ids.add(row.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            // One pipelined write for the whole batch, in id order on one connection: a round trip per event
            // capped the relay below the write rate of a busy shard (views lagged by seconds).
            redis.getRedis().batch(adds).await().atMost(BATCH_TIMEOUT);
            Instant now = Instant.now();
            occurredAt.forEach(occurred -> lag.record(Duration.between(occurred, now)));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM catalog.outbox WHERE id = ANY (?)")) {
                Array array = connection.createArrayOf("bigint", ids.toArray());
                delete.setArray(1, array);
                delete.executeUpdate();
            }
            published.increment(ids.size());
            return ids.size();
        }
    }
}
