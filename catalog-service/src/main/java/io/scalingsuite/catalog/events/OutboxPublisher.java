package io.scalingsuite.catalog.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Moves one batch from the outbox to the Redis Stream in one transaction: take the shard's outbox lock, claim the
 * oldest unpublished rows, {@code XADD} them in id order (one script, one round trip per batch), record each
 * row's stream id, commit. The rows stay (published) until {@link OutboxKeeper} sees every consumer group
 * acknowledge them. The XADD is refused if the shard's newest published entry is gone from the stream (Redis
 * lost data): the lost rows are published again first ({@link OutboxRepair}), so nothing is ever appended after
 * an unrepaired gap. If Redis fails the transaction rolls back and the rows wait for the next try; if the
 * commit fails after XADD the events go out twice, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final OutboxStream stream;
    private final OutboxRepair repair;
    private final ShardPools shards;
    private final OutboxTracing tracing;
    private final int batchSize;
    private final Duration retention;
    private final Counter published;
    private final Counter failures;
    private final Timer lag;

    public OutboxPublisher(OutboxStream stream, OutboxRepair repair, CatalogConfig config, MeterRegistry registry,
            ShardPools shards, OutboxTracing tracing) {
        this.stream = stream;
        this.tracing = tracing;
        this.repair = repair;
        this.shards = shards;
        this.batchSize = config.outbox().batchSize();
        this.retention = config.outbox().retention();
        this.published = registry.counter("catalog.outbox.published");
        this.failures = registry.counter("catalog.outbox.failures");
        this.lag = Timer.builder("catalog.outbox.lag").description("From the write's commit time to its XADD")
                .publishPercentileHistogram().register(registry);
    }

    /** The Redis Stream the events go to. */
    public String stream() {
        return stream.key();
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

    /** The start of the retention window: rows and entries older than this are given up. */
    StreamId windowStart() {
        return StreamId.at(Instant.now().minus(retention).toEpochMilli());
    }

    private int publishBatch(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            OutboxRows rows = new OutboxRows(connection);
            rows.lock();
            List<OutboxRows.Row> batch = rows.unpublished(batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            Span span = tracing.publishing(stream.key(), batch);
            try (Scope current = span.makeCurrent()) {
                append(rows, batch);
            } catch (SQLException | RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
            }
            Instant now = Instant.now();
            batch.forEach(row -> lag.record(Duration.between(row.occurredAt(), now)));
            published.increment(batch.size());
            return batch.size();
        }
    }

    /** XADDs the batch (after a repair if the stream lost the shard's newest entry) and records the stream ids. */
    private void append(OutboxRows rows, List<OutboxRows.Row> batch) throws SQLException {
        List<List<String>> entries = batch.stream().map(OutboxRows.Row::fields).toList();
        Optional<List<StreamId>> ids = stream.append(rows.newest(windowStart()), entries);
        if (ids.isEmpty()) {
            repair.repair(rows, windowStart());
            ids = stream.append(rows.newest(windowStart()), entries);
        }
        rows.published(batch, ids.orElseThrow(() -> new IllegalStateException("stream lost entries again")));
    }
}
