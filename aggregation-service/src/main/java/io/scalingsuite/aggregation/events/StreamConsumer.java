package io.scalingsuite.aggregation.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads the catalog stream in a consumer group on a thread of its own. An entry is acknowledged only after its
 * transaction committed (or it was dead-lettered); entries left pending by a dead replica, or by a failure
 * here, are claimed again with XAUTOCLAIM after {@code claim-idle}; after {@code max-deliveries} an entry goes
 * to {@code <key>:dead} with the reason, so one bad event never blocks the others.
 */
@ApplicationScoped
public class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);
    private static final Duration BACKLOG_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final RedisDataSource redis;
    private final EventApplier applier;
    private final EventParser parser;
    private final ConsumerMetrics metrics;
    private final ViewPurges purges;
    private final DeadLetters deadLetters;
    private final AggregationConfig.Stream config;
    private final String consumer;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public StreamConsumer(RedisDataSource redis, EventApplier applier, EventParser parser, ConsumerMetrics metrics,
            ViewPurges purges, DeadLetters deadLetters, AggregationConfig config) {
        this.redis = redis;
        this.applier = applier;
        this.parser = parser;
        this.metrics = metrics;
        this.purges = purges;
        this.deadLetters = deadLetters;
        this.config = config.stream();
        this.consumer = this.config.consumer().orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "local"));
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled() && running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "stream-consumer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (running.compareAndSet(true, false)) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        Instant nextClaim = Instant.now();
        Instant nextBacklog = Instant.now();
        while (running.get()) {
            try {
                createGroup();
                if (Instant.now().isAfter(nextClaim)) {
                    Response claimed = redis.execute("XAUTOCLAIM", config.key(), config.group(), consumer,
                            Long.toString(config.claimIdle().toMillis()), "0-0", "COUNT",
                            Integer.toString(config.batchSize()));
                    handleAll(claimed.get(1), true);
                    nextClaim = Instant.now().plus(config.claimIdle().dividedBy(2));
                }
                if (Instant.now().isAfter(nextBacklog)) {
                    // Every second, not with each claim (15 s): a stale zero let a backlog of thousands look drained.
                    metrics.backlog(redis, config.key(), config.group());
                    nextBacklog = Instant.now().plus(BACKLOG_SAMPLE_INTERVAL);
                }
                Response read = redis.execute("XREADGROUP", "GROUP", config.group(), consumer, "COUNT",
                        Integer.toString(config.batchSize()), "BLOCK", "1000", "STREAMS", config.key(), ">");
                if (read != null) {
                    handleAll(entriesOf(read), false);
                }
            } catch (RuntimeException e) {
                metrics.failure();
                LOG.warnf("Stream consumer failed, retrying: %s", e.getMessage());
                pause();
            }
        }
    }

    private void handleAll(Response entries, boolean redelivered) {
        if (entries == null) {
            return;
        }
        for (Response entry : entries) {
            if (entry != null && entry.get(1) != null) {
                handle(entry.get(0).toString(), fields(entry.get(1)), redelivered);
            }
        }
    }

    private void handle(String id, Map<String, String> fields, boolean redelivered) {
        CatalogEvent<?> event;
        try {
            event = parser.parse(fields);
        } catch (IllegalArgumentException malformed) {
            deadLetters.park(id, fields, "malformed: " + malformed.getMessage());
            return;
        }
        try {
            Outcome outcome = applier.apply(event, id);
            redis.execute("XACK", config.key(), config.group(), id);
            metrics.applied(event, outcome);
            if (outcome == Outcome.APPLIED) {
                purges.publish(event);
            }
        } catch (Exception failure) {
            metrics.failure();
            if (redelivered && deadLetters.deliveries(id) >= config.maxDeliveries()) {
                deadLetters.park(id, fields, "failed " + config.maxDeliveries() + " times: " + failure.getMessage());
            } else {
                LOG.warnf("Event %s (%s) failed; it stays pending for a retry: %s", id, event.type().wireName(),
                        failure.getMessage());
            }
        }
    }

    private void createGroup() {
        try {
            redis.execute("XGROUP", "CREATE", config.key(), config.group(), "0", "MKSTREAM");
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** RESP3 answers XREADGROUP with a map {stream: entries}, RESP2 with [[stream, entries]]. */
    private Response entriesOf(Response read) {
        return read.isMap() ? read.get(config.key()) : read.get(0).get(1);
    }

    /** An entry's fields: a flat [name, value, ...] array, or a map where a RESP3 server (Redis 6.2) sends one. */
    private static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (flat.isMap()) {
            flat.getKeys().forEach(name -> fields.put(name, flat.get(name).toString()));
            return fields;
        }
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return fields;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
