package io.scalingsuite.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cache-aside over Redis with versioned keys (see {@link CacheKey}).
 * <ul>
 * <li>A hit is one Redis round trip and completes on the I/O thread: no worker thread, no database.</li>
 * <li>A miss runs the loader on a worker thread and stores its result under the generation read before the
 * load, so a load that raced a write lands under a generation no reader will ask for.</li>
 * <li>Concurrent lookups of one key in this instance share one Redis call and at most one load.</li>
 * <li>Redis errors or answers slower than {@code catalog.cache.timeout} turn into loads: never into errors.</li>
 * </ul>
 */
@ApplicationScoped
public class ReadThroughCache {

    private static final Logger LOG = Logger.getLogger(ReadThroughCache.class);

    /** Reads the generation and the entry stored under it in one round trip. */
    private static final String LOOKUP = "local g = redis.call('GET', KEYS[1]) or '0' "
            + "return {g, redis.call('GET', ARGV[1] .. g .. ARGV[2])}";

    /** Bumps a generation; the key outlives every entry, so a generation can never restart under a live entry. */
    private static final String BUMP = "local g = redis.call('INCR', KEYS[1]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return g";

    private final ReactiveRedisDataSource redis;
    private final CacheMetrics metrics;
    private final Duration timeout;
    private final boolean enabled;
    private final String generationTtlMillis;
    private final Map<String, CompletableFuture<String>> inflight = new ConcurrentHashMap<>();

    public ReadThroughCache(ReactiveRedisDataSource redis, CacheMetrics metrics, CatalogConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.timeout = config.cache().timeout();
        this.enabled = config.cache().enabled();
        Duration longest = config.cache().productTtl().compareTo(config.cache().listingTtl()) > 0
                ? config.cache().productTtl() : config.cache().listingTtl();
        this.generationTtlMillis = Long.toString(longest.plus(Duration.ofDays(1)).toMillis());
    }

    /** A loaded value and how long to keep it (shorter when a lagging replica served it). */
    public record Entry(String value, Duration ttl) {
    }

    /** The value cached under {@code key}, or the loader's result; the loader may block. */
    public Uni<String> get(CacheKey key, Duration ttl, Supplier<String> loader) {
        return get(key, () -> new Entry(loader.get(), ttl));
    }

    /** As above, with the entry's TTL returned by the load itself. */
    public Uni<String> get(CacheKey key, Supplier<Entry> loader) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inflight.putIfAbsent(key.id(), mine);
        if (running != null) {
            return Uni.createFrom().completionStage(running);
        }
        Uni<String> lookup = enabled ? lookup(key, loader) : load(key, loader).map(Entry::value);
        lookup.subscribe().with(value -> {
            inflight.remove(key.id(), mine);
            mine.complete(value);
        }, failure -> {
            inflight.remove(key.id(), mine);
            mine.completeExceptionally(failure);
        });
        return Uni.createFrom().completionStage(mine);
    }

    /**
     * Makes every entry under these generations unreachable. Called after a commit; if Redis does not answer in
     * time the bump is retried in the background, and the entries' TTL bounds staleness meanwhile.
     */
    public void invalidate(List<String> generationKeys) {
        Uni<Void> bump = Uni.join().all(generationKeys.stream()
                .map(k -> redis.execute("EVAL", BUMP, "1", k, generationTtlMillis).ifNoItem().after(timeout).fail())
                .toList()).andFailFast().replaceWithVoid();
        try {
            bump.await().atMost(timeout.multipliedBy(2));
        } catch (RuntimeException e) {
            metrics.error("invalidate");
            LOG.warnf("Cache invalidation of %s failed, retrying in the background: %s", generationKeys,
                    e.getMessage());
            bump.onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(30)
                    .subscribe().with(ok -> LOG.infof("Cache invalidation of %s succeeded on retry", generationKeys),
                            failure -> LOG.errorf("Cache invalidation of %s gave up: %s", generationKeys,
                                    failure.getMessage()));
        }
    }

    private Uni<String> lookup(CacheKey key, Supplier<Entry> loader) {
        return redis.execute("EVAL", LOOKUP, "1", key.generationKey(), key.entryPrefix(), key.entrySuffix())
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((reply, failure) -> {
                    if (failure != null) {
                        metrics.getError(key.kind());
                        return load(key, loader).map(Entry::value);
                    }
                    Response entry = reply.get(1);
                    if (entry != null) {
                        metrics.hit(key.kind());
                        return Uni.createFrom().item(entry.toString());
                    }
                    metrics.miss(key.kind());
                    String storeAt = key.entryPrefix() + reply.get(0).toString() + key.entrySuffix();
                    return load(key, loader).call(loaded -> store(storeAt, loaded.value(), loaded.ttl()))
                            .map(Entry::value);
                });
    }

    private Uni<Entry> load(CacheKey key, Supplier<Entry> loader) {
        return Uni.createFrom().item(() -> metrics.timeLoad(key.kind(), loader))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<Void> store(String entryKey, String value, Duration ttl) {
        return redis.execute("SET", entryKey, value, "PX", Long.toString(ttl.toMillis()))
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(e -> metrics.error("put"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
