package io.scalingsuite.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.events.OutboxKeeper;
import io.scalingsuite.catalog.events.OutboxPublisher;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Published events stay in the outbox until every consumer group acknowledged them, so whatever the stream loses
 * (a Redis without persistence killed, the key deleted) is published again; and both stay bounded.
 */
@QuarkusTest
@TestProfile(OwnRedis.class)
class StreamLossTest {

    private static final Duration REPUBLISHED_WITHIN = Duration.ofSeconds(10);

    @Inject
    DataSource dataSource;

    @Inject
    ShardPools shards;

    @Inject
    RedisDataSource redis;

    @Inject
    OutboxPublisher publisher;

    @Inject
    MeterRegistry registry;

    @Inject
    OutboxKeeper keeper;

    @BeforeEach
    void emptyOutboxAndStream() throws SQLException {
        for (Shard shard : shards.all()) {
            try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM catalog.outbox");
            }
        }
        redis.execute("DEL", publisher.stream());
    }

    @Test
    void shouldPublishAgainWhatARestartWithoutPersistenceLostButNotWhatWasAcknowledged() throws Exception {
        List<String> unacknowledged = publishAndAcknowledgeHalf(6);
        double republished = republished();

        OwnRedis.node().kill();
        OwnRedis.node().launch();

        assertOnlyOnStream(unacknowledged);
        assertEquals(3, republished() - republished, "republished");
    }

    @Test
    void shouldPublishAgainWhatADeletedStreamHeldButNotWhatWasAcknowledged() throws Exception {
        List<String> unacknowledged = publishAndAcknowledgeHalf(6);

        redis.execute("DEL", publisher.stream());

        assertOnlyOnStream(unacknowledged);
    }

    @Test
    void shouldDeleteRowsOnlyOnceEveryGroupAcknowledgedThem() throws Exception {
        StreamGroup first = StreamGroup.create(redis, publisher.stream(), "first");
        StreamGroup second = StreamGroup.create(redis, publisher.stream(), "second");
        write(4);
        first.ack(readAtLeast(first, 4).keySet());

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> publishedRows() == 4);
        second.ack(readAtLeast(second, 4).keySet());
        await().atMost(Duration.ofSeconds(5)).until(() -> publishedRows() == 0);
    }

    @Test
    void shouldKeepStreamAndOutboxBoundedWhileAGroupReadsEverything() throws Exception {
        int round = 1_000;
        StreamGroup group = StreamGroup.create(redis, publisher.stream(), "bounded");
        Set<String> written = new HashSet<>();
        Set<String> read = new HashSet<>();
        for (int i = 0; i < 3; i++) { // from the second round on, an untrimmed stream would hold 2 rounds or more
            written.addAll(write(round));
            Map<String, String> delivered = readAtLeast(group, round);
            group.ack(delivered.keySet());
            read.addAll(delivered.values());
            // What the group acknowledged leaves the outbox at once, and the stream a few seconds later.
            await().atMost(Duration.ofSeconds(5)).until(() -> publishedRows() == 0);
            await().atMost(Duration.ofSeconds(15)).until(() -> streamLength() < 2 * round);
        }
        assertEquals(written, read, "every event read once");
        await().atMost(Duration.ofSeconds(15)).until(() -> streamLength() == 0);
        await().atMost(Duration.ofSeconds(3)).until(() -> gauge("catalog.outbox.stream.length") == 0
                && gauge("catalog.outbox.retained") == 0);
    }

    @Test
    void shouldPublishEachLostEventOnceWithKeepersRacing() throws Exception {
        List<String> events = write(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedRows() == 50);
        redis.execute("DEL", publisher.stream());

        ExecutorService keepers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> racing = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                racing.add(keepers.submit(keeper::keepOnce));
            }
            for (Future<?> pass : racing) {
                pass.get();
            }
        } finally {
            keepers.shutdownNow();
        }

        List<String> onStream = new ArrayList<>();
        for (var entry : redis.execute("XRANGE", publisher.stream(), "-", "+")) {
            onStream.add(StreamGroup.eventId(entry.get(1)));
        }
        assertEquals(Set.copyOf(events), Set.copyOf(onStream), "every lost event back");
        assertEquals(50, onStream.size(), "each once");
    }

    /** Writes {@code count} events, lets a group read them all and acknowledge the first half. */
    private List<String> publishAndAcknowledgeHalf(int count) throws Exception {
        StreamGroup group = StreamGroup.create(redis, publisher.stream(), "views");
        List<String> events = write(count);
        Map<String, String> read = readAtLeast(group, count);
        group.ack(new ArrayList<>(read.keySet()).subList(0, count / 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> publishedRows() == count - count / 2);
        return new ArrayList<>(read.values()).subList(count / 2, count);
    }

    private void assertOnlyOnStream(List<String> expected) throws SQLException {
        // Redis answers again here; the first commands of a pooled connection may still fail once.
        await().atMost(REPUBLISHED_WITHIN).ignoreExceptions()
                .until(() -> StreamGroup.eventIds(redis, publisher.stream())
                        .containsAll(expected));
        Set<String> onStream = StreamGroup.eventIds(redis, publisher.stream());
        assertEquals(Set.copyOf(expected), onStream, "the unacknowledged events, and no acknowledged one");
        assertTrue(publishedRows() >= expected.size(), "still kept until acknowledged");
    }

    private Map<String, String> readAtLeast(StreamGroup group, int count) {
        Map<String, String> read = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            read.putAll(group.read());
            return read.size() >= count;
        });
        return read;
    }

    private List<String> write(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO catalog.outbox (event_id, event_type, aggregate_type, "
                        + "aggregate_id, aggregate_version, occurred_at, payload) SELECT gen_random_uuid(), "
                        + "'LossTest', 'Test', gen_random_uuid(), g, now(), '{}' FROM generate_series(1, " + count
                        + ") g RETURNING event_id::text")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private long publishedRows() throws SQLException {
        long rows = 0;
        for (Shard shard : shards.all()) {
            try (Connection c = shard.primary().getConnection(); Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*) FROM catalog.outbox WHERE published_at IS NOT NULL")) {
                rs.next();
                rows += rs.getLong(1);
            }
        }
        return rows;
    }

    private long streamLength() {
        return redis.execute("XLEN", publisher.stream()).toLong();
    }

    /** A gauge summed over its tags (retained has one per shard). */
    private double gauge(String name) {
        return registry.find(name).gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    private double republished() {
        return registry.counter("catalog.outbox.republished").count();
    }
}
