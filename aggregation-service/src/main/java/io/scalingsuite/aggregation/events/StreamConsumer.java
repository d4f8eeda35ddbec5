package io.scalingsuite.aggregation.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads the catalog stream in a consumer group, {@code consumers} of them per replica, each on a thread of its own
 * (the first also claims and keeps house). An entry is acknowledged only after its
 * transaction committed (or it was dead-lettered). When PostgreSQL or Redis is unreachable the consumer pauses,
 * doubling the pause up to {@code retry-backoff-max}, and then first works through its own pending entries (from
 * 0, as after a restart) before reading new ones; entries other consumers left pending are claimed by
 * {@link PendingClaims}; {@link Retention} keeps its tables bounded.
 */
@ApplicationScoped
public class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    private final RedisDataSource redis;
    private final EntryHandler handler;
    private final PendingClaims claims;
    private final Retention retention;
    private final ConsumerMetrics metrics;
    private final AggregationConfig.Stream config;
    private final String baseName;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    public StreamConsumer(RedisDataSource redis, EntryHandler handler, PendingClaims claims, Retention retention,
            ConsumerMetrics metrics, AggregationConfig config) {
        this.redis = redis;
        this.handler = handler;
        this.claims = claims;
        this.retention = retention;
        this.metrics = metrics;
        this.config = config.stream();
        this.baseName = this.config.consumer().orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "local"));
    }

    void start(@Observes StartupEvent startup) {
        if (config.consumers() < 1) {
            throw new IllegalArgumentException("aggregation.stream.consumers must be at least 1");
        }
        if (config.enabled() && running.compareAndSet(false, true)) {
            int count = config.consumers();
            for (int n = 1; n <= count; n++) {
                String name = count == 1 ? baseName : baseName + "-" + n;
                boolean first = n == 1;
                Thread thread = new Thread(() -> run(name, first), "stream-consumer-" + n);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (running.compareAndSet(true, false)) {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        }
    }

    /** One consumer's loop; {@code first}: the replica's consumer that also claims others' entries and prunes. */
    private void run(String consumer, boolean first) {
        Instant nextClaim = Instant.now();
        Instant nextHousekeeping = Instant.now();
        String ownPending = "0-0"; // where to go on in this consumer's own pending entries; null: read new ones
        Duration pause = FIRST_PAUSE;
        boolean grouped = false; // the group is created once, and again after any failure (a flushed Redis)
        while (running.get()) {
            try {
                if (!grouped) {
                    createGroup();
                    grouped = true;
                }
                if (first && Instant.now().isAfter(nextClaim)) {
                    claims.claimIdle(consumer);
                    nextClaim = Instant.now().plus(config.claimIdle().dividedBy(5));
                }
                if (first && Instant.now().isAfter(nextHousekeeping)) {
                    housekeeping(consumer);
                    nextHousekeeping = Instant.now().plus(config.housekeepingInterval());
                }
                ownPending = ownPending == null ? readNew(consumer) : readOwnPending(consumer, ownPending);
                pause = FIRST_PAUSE;
            } catch (RuntimeException e) {
                grouped = false;
                if (groupGone(e)) {
                    LOG.warnf("Stream consumer group %s gone (stream deleted or Redis data lost): creating it again",
                            config.group());
                    sleep(FIRST_PAUSE);
                    ownPending = "0-0";
                    continue;
                }
                String cause = e instanceof TransientFailure ? "database" : "redis";
                metrics.paused(cause);
                LOG.warnf("Stream consumer paused for %d ms (%s unavailable), then retries; nothing is "
                        + "dead-lettered for it: %s", pause.toMillis(), cause, e.getMessage());
                sleep(pause);
                pause = min(pause.multipliedBy(2), config.retryBackoffMax());
                ownPending = "0-0";
            }
        }
    }

    /** Reads and handles new entries; returns null (keep reading new ones). */
    private String readNew(String consumer) {
        Response read = redis.execute("XREADGROUP", "GROUP", config.group(), consumer, "COUNT",
                Integer.toString(config.batchSize()), "BLOCK", "1000", "STREAMS", config.key(), ">");
        if (read != null) {
            handler.handleAll(entriesOf(read), false);
        }
        return null;
    }

    /** Handles a page of this consumer's own pending entries after {@code after}; null once there are none. */
    private String readOwnPending(String consumer, String after) {
        Response read = redis.execute("XREADGROUP", "GROUP", config.group(), consumer, "COUNT",
                Integer.toString(config.batchSize()), "STREAMS", config.key(), after);
        return read == null ? null : handler.handleAll(entriesOf(read), true);
    }

    private void housekeeping(String consumer) {
        claims.removeGoneConsumers(consumer);
        try {
            retention.prune();
        } catch (java.sql.SQLException e) {
            LOG.warnf("Pruning applied and parked events failed, retried in %s: %s", config.housekeepingInterval(),
                    e.getMessage());
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

    /** NOGROUP on a read; or, to a read blocked when the stream was deleted, "UNBLOCKED ... no longer exists". */
    private static boolean groupGone(RuntimeException e) {
        String message = e.getMessage();
        return message != null && (message.startsWith("NOGROUP") || message.contains("key no longer exists"));
    }

    /** RESP3 answers XREADGROUP with a map {stream: entries}, RESP2 with [[stream, entries]]. */
    private Response entriesOf(Response read) {
        return read.isMap() ? read.get(config.key()) : read.get(0).get(1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
