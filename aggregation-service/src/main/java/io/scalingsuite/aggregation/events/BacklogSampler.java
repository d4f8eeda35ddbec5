package io.scalingsuite.aggregation.events;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.aggregation.config.AggregationConfig;

/**
 * Samples the group's backlog every second on a thread of its own: a consumer that is busy, blocked or paused for
 * an outage would otherwise leave the gauges (and what an operator compares with KEDA's number) stale.
 */
@ApplicationScoped
public class BacklogSampler {

    private static final Logger LOG = Logger.getLogger(BacklogSampler.class);

    private final RedisDataSource redis;
    private final ConsumerMetrics metrics;
    private final AggregationConfig.Stream config;
    private ScheduledExecutorService scheduler;

    public BacklogSampler(RedisDataSource redis, ConsumerMetrics metrics, AggregationConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.config = config.stream();
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "stream-backlog");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void sample() {
        try {
            metrics.backlog(redis, config.key(), config.group());
        } catch (RuntimeException e) {
            LOG.debugf("Backlog not sampled: %s", e.getMessage());
        }
    }
}
