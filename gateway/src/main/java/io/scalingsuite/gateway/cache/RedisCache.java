package io.scalingsuite.gateway.cache;

import java.util.List;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.support.RedisBreaker;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The shared response cache in Redis (layout in {@link CacheKeys}). A purge bumps a global sequence and stamps
 * each purged tag with it; a store carries the sequence read at lookup and is refused if any of its tags was
 * purged since, so a response fetched before a write can never be stored after the write's purge.
 */
@Singleton
public class RedisCache {

    /** KEYS: entry, vary, tag sets..., tag purge stamps...; ARGV: value, ttl ms, vary names, sequence, tag count. */
    private static final String STORE = """
            local n = tonumber(ARGV[5])
            for i = 1, n do
              local purged = redis.call('GET', KEYS[2 + n + i])
              if purged and tonumber(purged) > tonumber(ARGV[4]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            if ARGV[3] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2]) end
            for i = 1, n do
              redis.call('SADD', KEYS[2 + i], KEYS[1])
              if redis.call('PTTL', KEYS[2 + i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2 + i], ARGV[2]) end
            end
            return 1""";

    /**
     * KEYS: purge sequence; ARGV: key prefix, near-cache channel, tags... Tells every replica's near cache. The keys
     * it builds share the sequence's hash tag ({@link CacheKeys}), so a Redis Cluster runs it on one node.
     */
    private static final String PURGE = """
            local seq = redis.call('INCR', KEYS[1])
            for i = 3, #ARGV do
              local set = ARGV[1] .. ':t:' .. ARGV[i]
              local members = redis.call('SMEMBERS', set)
              for j = 1, #members, 500 do redis.call('DEL', unpack(members, j, math.min(j + 499, #members))) end
              redis.call('DEL', set)
              redis.call('SET', ARGV[1] .. ':p:' .. ARGV[i], seq, 'PX', 86400000)
            end
            redis.call('PUBLISH', ARGV[2], table.concat(ARGV, ',', 3))
            return seq""";

    /**
     * What a lookup found: the entry (or null) under the key a store would use, the purge sequence, and the near
     * cache's epoch before the lookup (for {@link NearCache#put}).
     */
    public record Lookup(String resource, String entryKey, String varyKey, List<String> vary, CachedResponse entry,
            long sequence, long nearEpoch) {
    }

    private final RedisBreaker breaker;
    private final CacheKeys keys;
    private final String channelPrefix;
    private final long timeoutMillis;
    private final long writeTimeoutMillis;
    private final GatewayMetrics metrics;
    private final NearCache near;

    public RedisCache(RedisBreaker breaker, GatewayConfig config, GatewayMetrics metrics, NearCache near) {
        this.breaker = breaker;
        this.keys = new CacheKeys(config.cache().keyPrefix());
        this.channelPrefix = config.cache().keyPrefix();
        this.timeoutMillis = config.cache().timeout().toMillis();
        this.writeTimeoutMillis = config.cache().writeTimeout().toMillis();
        this.metrics = metrics;
        this.near = near;
    }

    /** The channel on which every purge (this replica's or another's) tells the replicas' near caches. */
    public String nearChannel() {
        return channelPrefix + ":near-purge";
    }

    public Future<Lookup> lookup(String resource, HttpServerRequest request) {
        long nearEpoch = near.epoch();
        String varyKey = keys.vary(resource);
        String plainKey = keys.entry(resource, List.of(), request);
        Request mget = Request.cmd(Command.MGET).arg(varyKey).arg(plainKey).arg(keys.purgeSequence());
        return send(mget, "get").compose(found -> {
            String names = found.get(0) == null ? "" : found.get(0).toString();
            long sequence = found.get(2) == null ? 0 : found.get(2).toLong();
            if (names.isEmpty()) {
                return Future.succeededFuture(
                        new Lookup(resource, plainKey, varyKey, List.of(), decode(found.get(1)), sequence,
                                nearEpoch));
            }
            List<String> vary = List.of(names.split(","));
            String key = keys.entry(resource, vary, request);
            return send(Request.cmd(Command.GET).arg(key), "get")
                    .map(entry -> new Lookup(resource, key, varyKey, vary, decode(entry), sequence, nearEpoch));
        });
    }

    /** The same lookup re-keyed for the Vary names the upstream's response named. */
    public Lookup withVary(Lookup lookup, List<String> vary, HttpServerRequest request) {
        if (vary.equals(lookup.vary())) {
            return lookup;
        }
        return new Lookup(lookup.resource(), keys.entry(lookup.resource(), vary, request), lookup.varyKey(), vary,
                null, lookup.sequence(), lookup.nearEpoch());
    }

    /** Stores unless a tag was purged since the lookup (false then); failures are counted and give false. */
    public Future<Boolean> store(Lookup lookup, CachedResponse entry) {
        List<String> tags = entry.tags();
        Request eval = Request.cmd(Command.EVAL).arg(STORE).arg(2 + 2 * tags.size())
                .arg(lookup.entryKey()).arg(lookup.varyKey());
        tags.forEach(tag -> eval.arg(keys.tagSet(tag)));
        tags.forEach(tag -> eval.arg(keys.tagPurge(tag)));
        eval.arg(entry.encode()).arg(entry.ttlMillis()).arg(String.join(",", lookup.vary()))
                .arg(lookup.sequence()).arg(tags.size());
        return send(eval, "store").map(stored -> stored != null && stored.toInteger() == 1)
                .recover(failed -> Future.succeededFuture(false));
    }

    /** Drops every entry carrying one of the tags, on every replica at once (the cache is shared). */
    public Future<Void> purge(List<String> tags, String source) {
        if (tags.isEmpty()) {
            return Future.succeededFuture();
        }
        near.invalidate(tags);
        Request eval = Request.cmd(Command.EVAL).arg(PURGE).arg(1).arg(keys.purgeSequence()).arg(keys.prefix())
                .arg(nearChannel());
        tags.forEach(eval::arg);
        return breaker.sendAnyway(eval, writeTimeoutMillis).onFailure(failure -> metrics.cacheError("purge"))
                .onSuccess(done -> {
                    near.invalidate(tags); // again: a Redis read that raced the purge may have put an entry back
                    metrics.purged(source, tags.size());
                }).mapEmpty();
    }

    private Future<Response> send(Request request, String operation) {
        return breaker.send(request, timeoutMillis)
                .onFailure(failure -> metrics.cacheError(operation));
    }

    /** A value this version cannot read (another format) counts as a failed get and is a miss; the store replaces it. */
    private CachedResponse decode(Response stored) {
        if (stored == null) {
            return null;
        }
        CachedResponse entry = CachedResponse.decode(stored.toBuffer());
        if (entry == null) {
            metrics.cacheError("decode");
        }
        return entry;
    }
}
