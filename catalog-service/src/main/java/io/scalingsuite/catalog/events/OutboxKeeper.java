package io.scalingsuite.catalog.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * The published rows' life after XADD, run every second by {@link OutboxRelay}. Per shard, under its outbox lock:
 * drop rows past the retention window, ask the stream what every consumer group acknowledged (applied and
 * committed by the consumer, so no longer needed from Redis) and delete those rows; if the shard's newest entry is
 * gone, Redis lost data and {@link OutboxRepair} publishes the lost rows again. Then trim the stream (one script,
 * safe when every replica does it): below what every group acknowledged, but never at or past a row any shard
 * still keeps, nor the last {@link #SETTLE} of entries (a batch whose commit is in flight); and always below the
 * retention window.
 */
@ApplicationScoped
public class OutboxKeeper {

    private static final Logger LOG = Logger.getLogger(OutboxKeeper.class);
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final OutboxStream stream;
    private final OutboxRepair repair;
    private final OutboxPublisher publisher;
    private final ShardPools shards;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> retained = new ConcurrentHashMap<>();
    private final AtomicLong streamLength = new AtomicLong();

    public OutboxKeeper(OutboxStream stream, OutboxRepair repair, OutboxPublisher publisher, ShardPools shards,
            MeterRegistry registry) {
        this.stream = stream;
        this.repair = repair;
        this.publisher = publisher;
        this.shards = shards;
        this.registry = registry;
        Gauge.builder("catalog.outbox.stream.length", streamLength, AtomicLong::get)
                .description("Entries in the catalog stream after the last trim").register(registry);
    }

    /** One pass over every shard, then the trim; a shard that fails is logged and tried again next time. */
    public void keepOnce() {
        StreamId keepFrom = StreamId.at(Instant.now().minus(SETTLE).toEpochMilli());
        for (Shard shard : shards.all()) {
            try {
                Optional<StreamId> oldest = QuarkusTransaction.requiringNew().call(() -> keep(shard));
                if (oldest.isPresent() && oldest.get().compareTo(keepFrom) < 0) {
                    keepFrom = oldest.get();
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox upkeep of shard %s failed, retrying: %s", shard.name(), e.getMessage());
                return; // without this shard's oldest row the trim bound is unknown
            }
        }
        streamLength.set(stream.trim(keepFrom, publisher.windowStart()));
    }

    private Optional<StreamId> keep(Shard shard) throws SQLException {
        try (Connection connection = shard.primary().getConnection()) {
            OutboxRows rows = new OutboxRows(connection);
            rows.lock();
            StreamId windowStart = publisher.windowStart();
            rows.deleteBelow(windowStart);
            var newest = rows.newest(windowStart);
            if (newest.isPresent()) {
                OutboxStream.Acknowledged acknowledged = stream.acknowledgedBelow(newest);
                if (acknowledged.lost()) {
                    repair.repair(rows, windowStart);
                } else if (acknowledged.below().isPresent()) {
                    rows.deleteBelow(acknowledged.below().get());
                }
            }
            retainedGauge(shard.name()).set(rows.countPublished());
            return rows.oldest();
        }
    }

    private AtomicLong retainedGauge(String shard) {
        return retained.computeIfAbsent(shard, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("catalog.outbox.retained", value, AtomicLong::get).tag("shard", name)
                    .description("Published outbox rows kept until every consumer group acknowledged them")
                    .register(registry);
            return value;
        });
    }
}
