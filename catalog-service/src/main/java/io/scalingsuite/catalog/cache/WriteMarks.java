package io.scalingsuite.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.redis.RedisScript;
import io.scalingsuite.catalog.redis.RedisSpans;
import io.smallrye.mutiny.Uni;

/**
 * The write side of {@link ReadThroughCache}'s protocol, which makes a write that answers 2xx visible to the
 * next read whatever Redis does.
 * <ul>
 * <li>Before its commit a write bumps each generation it touches and puts a mark on it (a member of a sorted set
 * scored with its expiry in Redis' clock). While an unexpired mark is there, readers neither serve nor store
 * entries under that generation: they read PostgreSQL.</li>
 * <li>If Redis does not take the marks within {@code catalog.cache.write-timeout}, the write fails with 503 and
 * rolls back: nothing was written, so no cached entry can be older than the database. A write tries Redis even
 * while {@link RedisBreaker} skips it for reads, and tells the breaker how it went (a write is also a probe).</li>
 * <li>After the commit (or the rollback) the write bumps the generations again and removes its mark: entries
 * filled from the old row while it committed are unreachable, and readers fill the cache again.</li>
 * <li>If that step fails, it is retried in the background, and the mark expires by itself after
 * {@code catalog.cache.write-mark-ttl} (longer than any commit). Until then reads go to PostgreSQL; after it
 * the generation is already past every entry stored before the commit. No path serves the old entry.</li>
 * </ul>
 */
@ApplicationScoped
public class WriteMarks {

    private static final Logger LOG = Logger.getLogger(WriteMarks.class);

    /** KEYS: generation, marks; ARGV: generation TTL ms, mark, mark TTL ms. Drops expired marks on the way. */
    private static final String MARK = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            local g = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return g""";

    /** KEYS: generation, marks; ARGV: generation TTL ms, mark. The generation key outlives every entry. */
    private static final String CLEAR = """
            redis.call('ZREM', KEYS[2], ARGV[2])
            local g = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return g""";

    private final RedisScript markScript;
    private final RedisScript clearScript;
    private final RedisBreaker breaker;
    private final CacheMetrics metrics;
    private final boolean enabled;
    private final Duration writeTimeout;
    private final String markTtlMillis;
    private final String generationTtlMillis;

    public WriteMarks(ReactiveRedisDataSource redis, RedisSpans spans, RedisBreaker breaker, CacheMetrics metrics,
            CatalogConfig config) {
        this.markScript = new RedisScript(redis, spans, 2, MARK);
        this.clearScript = new RedisScript(redis, spans, 2, CLEAR);
        this.breaker = breaker;
        this.metrics = metrics;
        this.enabled = config.cache().enabled();
        this.writeTimeout = config.cache().writeTimeout();
        this.markTtlMillis = Long.toString(config.cache().writeMarkTtl().toMillis());
        Duration longest = config.cache().productTtl().compareTo(config.cache().listingTtl()) > 0
                ? config.cache().productTtl() : config.cache().listingTtl();
        this.generationTtlMillis = Long.toString(longest.plus(Duration.ofDays(1)).toMillis());
    }

    /** Marks the generations before a commit; the mark to {@link #clear} with. Throws 503 if Redis cannot take it. */
    public String mark(List<String> generationKeys) {
        String mark = UUID.randomUUID().toString();
        if (!enabled) {
            return mark;
        }
        try {
            all(generationKeys, k -> markScript.run(k, CacheKey.marksOf(k), generationTtlMillis, mark, markTtlMillis))
                    .await().atMost(writeTimeout);
            breaker.succeeded();
            return mark;
        } catch (RuntimeException e) {
            breaker.failed();
            metrics.error("mark");
            LOG.warnf("Write refused: the cache did not take its write mark on %s: %s", generationKeys,
                    e.getMessage());
            throw CatalogException.unavailable("The cache could not be updated in time; nothing was written.");
        }
    }

    /** After the commit or rollback: bumps the generations and removes the mark, retrying in the background. */
    public void clear(List<String> generationKeys, String mark) {
        if (!enabled) {
            return;
        }
        Uni<Void> clear = all(generationKeys,
                k -> clearScript.run(k, CacheKey.marksOf(k), generationTtlMillis, mark));
        try {
            clear.await().atMost(writeTimeout);
        } catch (RuntimeException e) {
            metrics.error("invalidate");
            LOG.warnf("Write mark on %s not cleared, retrying (it expires by itself): %s", generationKeys,
                    e.getMessage());
            clear.onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(30)
                    .subscribe().with(ok -> LOG.infof("Write mark on %s cleared on retry", generationKeys),
                            failure -> LOG.errorf("Write mark on %s left to expire: %s", generationKeys,
                                    failure.getMessage()));
        }
    }

    private Uni<Void> all(List<String> generationKeys,
            java.util.function.Function<String, Uni<io.vertx.mutiny.redis.client.Response>> script) {
        return Uni.join().all(generationKeys.stream()
                .map(k -> script.apply(k).ifNoItem().after(writeTimeout).fail()).toList())
                .andFailFast().replaceWithVoid();
    }
}
