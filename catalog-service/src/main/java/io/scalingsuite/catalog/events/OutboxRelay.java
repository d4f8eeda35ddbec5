package io.scalingsuite.catalog.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Runs {@link OutboxPublisher#drainOnce(DataSource)} on a thread of its own per shard: right after each commit (PostgreSQL NOTIFY
 * from the outbox trigger), and at least every {@code catalog.outbox.poll-interval} in case a notification
 * was missed. On any failure it backs off (doubling up to {@code catalog.outbox.retry-backoff-max}) and tries again;
 * unpublished rows simply stay in the outbox. One more
 * thread runs {@link OutboxKeeper#keepOnce()} every poll interval: acknowledged rows, lost entries, the trim.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final ShardPools shards;
    private final OutboxPublisher publisher;
    private final OutboxKeeper keeper;
    private final CatalogConfig.Outbox config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    public OutboxRelay(ShardPools shards, OutboxPublisher publisher, OutboxKeeper keeper, CatalogConfig config) {
        this.shards = shards;
        this.publisher = publisher;
        this.keeper = keeper;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled() && running.compareAndSet(false, true)) {
            for (var shard : shards.all()) {
                Thread thread = new Thread(() -> run(shard.primary()), "outbox-relay-" + shard.name());
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            Thread upkeep = new Thread(this::keep, "outbox-keeper");
            upkeep.setDaemon(true);
            upkeep.start();
            threads.add(upkeep);
        }
    }

    private void keep() {
        while (running.get()) {
            try {
                keeper.keepOnce();
            } catch (RuntimeException e) {
                LOG.warnf("Outbox upkeep failed, retrying: %s", e.getMessage());
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (running.compareAndSet(true, false)) {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        }
    }

    private void run(DataSource dataSource) {
        Duration backoff = Duration.ofMillis(100);
        while (running.get()) {
            try (var listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                try (var statement = listener.createStatement()) {
                    statement.execute("LISTEN catalog_outbox");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                while (running.get()) {
                    if (publisher.drainOnce(dataSource) < config.batchSize()) {
                        notifications.getNotifications((int) config.pollInterval().toMillis());
                    }
                    backoff = Duration.ofMillis(100);
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("Outbox relay failed, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(config.retryBackoffMax()) > 0 ? config.retryBackoffMax()
                        : backoff.multipliedBy(2);
            }
        }
    }
}
