package io.scalingsuite.aggregation.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.views.writing.CategoryFanout;

/**
 * Works through queued category fan-outs on a thread of its own, one batch per short transaction, so product
 * events keep flowing beside it. Woken when an event queued a job, and polling for jobs another replica queued or a
 * crash left (they resume from their cursor). When a job finishes, shared caches drop every card that embeds the
 * category: one tag per category ({@code aggregation.fanout.cards.rewritten}, {@code aggregation.fanout.jobs.finished}).
 */
@ApplicationScoped
public class FanoutWorker {

    private static final Logger LOG = Logger.getLogger(FanoutWorker.class);

    private final DataSource dataSource;
    private final CategoryFanout fanout;
    private final ViewPurges purges;
    private final MeterRegistry registry;
    private final AggregationConfig.Fanout config;
    private final boolean consuming;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public FanoutWorker(DataSource dataSource, CategoryFanout fanout, ViewPurges purges, MeterRegistry registry,
            AggregationConfig config) {
        this.dataSource = dataSource;
        this.fanout = fanout;
        this.purges = purges;
        this.registry = registry;
        this.config = config.fanout();
        this.consuming = config.stream().enabled();
    }

    void start(@Observes StartupEvent startup) {
        // A replica that only serves views (stream off) leaves the jobs to those that apply events.
        if (consuming && config.enabled() && running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "category-fanout");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (running.compareAndSet(true, false)) {
            wake();
            thread.join(5_000);
        }
    }

    /** A category event committed: a job may be waiting. */
    void wake() {
        wakeUp.release();
    }

    /**
     * Runs one batch of the next waiting job in a transaction of its own; empty when none waits. Public so that
     * tests can stop a fan-out between two batches.
     */
    public Optional<CategoryFanout.Batch> runOnce() throws SQLException {
        Optional<CategoryFanout.Batch> batch;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                batch = fanout.step(c, config.batchSize());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        batch.ifPresent(done -> {
            registry.counter("aggregation.fanout.cards.rewritten").increment(done.rewritten());
            if (done.finished()) {
                registry.counter("aggregation.fanout.jobs.finished").increment();
                purges.category(done.categoryId());
            }
        });
        return batch;
    }

    private void run() {
        while (running.get()) {
            try {
                if (runOnce().isPresent()) {
                    continue;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Category fan-out batch failed, retried in %s: %s", config.pollInterval(), e.getMessage());
            }
            try {
                wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
