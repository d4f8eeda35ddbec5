package io.scalingsuite.catalog.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.redis.RedisScript;
import io.scalingsuite.catalog.redis.RedisSpans;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cache-aside over Redis with versioned keys (see {@link CacheKey}) and the write marks of {@link WriteMarks}.
 * <ul>
 * <li>A hit is one Redis round trip (one script, sent by its SHA1, reads the generation, its write marks and the
 * entry) and completes on the I/O thread: no worker thread, no database. A Redis that lost the script (a restart,
 * {@code SCRIPT FLUSH}) costs that lookup a second round trip with the text, never a load ({@link RedisScript}).</li>
 * <li>A miss runs the loader on a worker thread and stores its result under the generation read before the
 * load, so a load that raced a write lands under a generation no reader will ask for.</li>
 * <li>While a write that has not finished (or whose after-commit step failed) has an unexpired mark on the
 * generation, a lookup neither serves nor stores: it loads from PostgreSQL. So a write that answered 2xx is
 * visible to the next read even when its after-commit bump did not reach Redis.</li>
 * <li>Concurrent lookups of one key in this instance share one Redis call and at most one load; a reader that
 * leaves (its Uni cancelled) leaves the others theirs.</li>
 * <li>Redis errors or answers slower than {@code catalog.cache.timeout} turn into loads: never into errors. After a
 * few in a row {@link RedisBreaker} skips Redis for a moment, so a Redis that is down costs reads no timeout.</li>
 * </ul>
 */
@ApplicationScoped
public class ReadThroughCache {

    /**
     * KEYS: generation, write marks; ARGV: entry key prefix and suffix. Answers {generation, entry, marked}: while
     * an unexpired write mark is on the generation there is no entry to serve and none may be stored.
     */
    private static final String LOOKUP = """
            local g = redis.call('GET', KEYS[1]) or '0'
            if redis.call('EXISTS', KEYS[2]) == 1 then
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              if redis.call('ZCOUNT', KEYS[2], now, '+inf') > 0 then return {g, false, 1} end
            end
            return {g, redis.call('GET', ARGV[1] .. g .. ARGV[2]), 0}""";

    private final ReactiveRedisDataSource redis;
    private final RedisSpans spans;
    private final RedisScript lookupScript;
    private final RedisBreaker breaker;
    private final CacheMetrics metrics;
    private final Duration timeout;
    private final boolean enabled;
    private final Map<String, CompletableFuture<String>> inflight = new ConcurrentHashMap<>();

    public ReadThroughCache(ReactiveRedisDataSource redis, RedisSpans spans, RedisBreaker breaker,
            CacheMetrics metrics, CatalogConfig config) {
        this.redis = redis;
        this.spans = spans;
        this.lookupScript = new RedisScript(redis, spans, 2, LOOKUP);
        this.breaker = breaker;
        this.metrics = metrics;
        this.timeout = config.cache().timeout();
        this.enabled = config.cache().enabled();
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
            return Uni.createFrom().completionStage(running.copy()); // see the last line
        }
        Uni<String> lookup = enabled ? lookup(key, loader) : load(key, loader).map(Entry::value);
        lookup.subscribe().with(value -> {
            inflight.remove(key.id(), mine);
            mine.complete(value);
        }, failure -> {
            inflight.remove(key.id(), mine);
            mine.completeExceptionally(failure);
        });
        // A copy each: a cancelled Uni cancels its future, and a client that leaves (a reset connection, a gateway's
        // losing hedge) must not fail the readers sharing the load with a CancellationException.
        return Uni.createFrom().completionStage(mine.copy());
    }

    private Uni<String> lookup(CacheKey key, Supplier<Entry> loader) {
        if (!breaker.allows()) {
            metrics.getError(key.kind());
            return load(key, loader).map(Entry::value); // Redis is skipped for now: no entry to serve or store
        }
        return lookupScript.run(key.generationKey(), key.marksKey(), key.entryPrefix(), key.entrySuffix())
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((reply, failure) -> {
                    if (failure != null) {
                        breaker.failed();
                        metrics.getError(key.kind());
                        return load(key, loader).map(Entry::value);
                    }
                    breaker.succeeded();
                    Response entry = reply.get(1);
                    if (entry != null) {
                        metrics.hit(key.kind());
                        return Uni.createFrom().item(entry.toString());
                    }
                    metrics.miss(key.kind());
                    if (reply.get(2).toInteger() == 1) {
                        return load(key, loader).map(Entry::value); // a write is committing: store nothing
                    }
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
        String px = Long.toString(ttl.toMillis());
        return spans.around("SET", () -> redis.execute("SET", entryKey, value, "PX", px))
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(e -> metrics.error("put"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
