package io.scalingsuite.catalog.cache;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.redis.RedisSpans;

/**
 * Tells shared caches in front of catalog (every gateway replica) which tags a committed write touched. Writes
 * that pass through the gateway are purged by the gateway itself from the response's {@code Cache-Tag}; this
 * covers the others. Best effort: a missed message is bounded by the responses' {@code max-age}.
 */
@ApplicationScoped
public class PurgePublisher {

    private static final Logger LOG = Logger.getLogger(PurgePublisher.class);

    private final ReactiveRedisDataSource redis;
    private final RedisSpans spans;
    private final CacheMetrics metrics;
    private final Duration timeout;
    private final String channel;

    public PurgePublisher(ReactiveRedisDataSource redis, RedisSpans spans, CacheMetrics metrics,
            CatalogConfig config) {
        this.redis = redis;
        this.spans = spans;
        this.metrics = metrics;
        this.timeout = config.cache().timeout();
        this.channel = config.cache().purgeChannel();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CacheTags.Touched touched) {
        spans.around("PUBLISH", () -> redis.execute("PUBLISH", channel, touched.header()))
                .ifNoItem().after(timeout).fail()
                .subscribe().with(ok -> {
                }, failure -> {
                    metrics.error("purge");
                    LOG.warnf("Purge of %s not published: %s", touched.header(), failure.getMessage());
                });
    }
}
