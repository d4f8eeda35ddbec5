package io.scalingsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.support.RedisBreaker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Rate limits shared by every replica: GCRA (generic cell rate algorithm) in one atomic Lua script on Redis's
 * clock, one key per caller bucket. A tier allows {@code limit} requests per {@code period}, all of them at once
 * as a burst. A replica takes several tokens per round trip ({@link Leases}: 100 at first, then as many as the
 * bucket spends here in a quarter of {@code lease-ttl}, at most {@code lease-size} and 1% of the limit) and spends
 * them in memory for at most {@code lease-ttl}: the shared limit still holds across replicas, but a client may be
 * refused by one replica while another holds unspent tokens, and unspent tokens expire unused. The next lease is
 * asked for while a quarter of the current one is left, so a busy bucket's requests do not wait for Redis. When
 * Redis fails or is slower than {@code gateway.rate-limit.timeout}, {@link LocalRateLimiter} decides instead and
 * the failure is counted.
 */
@Singleton
public class RateLimiter {

    /**
     * KEYS: bucket; ARGV: emission interval in microseconds, limit, tokens wanted. Returns tokens granted (0:
     * refused), remaining, reset ms, retry ms. Microseconds, because a tier above 1,000 requests a second has an
     * interval under a millisecond. A stored arrival time beyond one period of the current tier (the tier was made
     * smaller, or a benchmark ran a huge one) is cut back to one period: a client never waits longer than that.
     */
    private static final String GCRA = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local limit = tonumber(ARGV[2])
            local window = limit * interval
            local function ms(us) return math.max(1, math.ceil(us / 1000)) end
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            if tat > now + window then tat = now + window end
            local allow_at = tat + interval - window
            if now < allow_at then return {0, 0, ms(tat - now), ms(allow_at - now)} end
            local granted = math.min(tonumber(ARGV[3]), math.floor((now - (tat - window)) / interval))
            local next_tat = tat + granted * interval
            redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', ms(next_tat - now))
            return {granted, math.floor((now - (next_tat - window)) / interval), ms(next_tat - now), 0}""";

    private final RedisBreaker breaker;
    private final LocalRateLimiter local;
    private final GatewayMetrics metrics;
    private final GatewayConfig.RateLimit config;
    private final String keyPrefix;
    private final Leases leases;
    private final Map<String, Future<Void>> refills = new ConcurrentHashMap<>();

    public RateLimiter(RedisBreaker breaker, LocalRateLimiter local, GatewayMetrics metrics,
            GatewayConfig config) {
        this.breaker = breaker;
        this.local = local;
        this.metrics = metrics;
        this.config = config.rateLimit();
        this.keyPrefix = config.cache().keyPrefix() + ":rl:";
        this.leases = new Leases(config.rateLimit().leaseTtl().toMillis());
        requireTier(config.rateLimit().anonymousTier(), "gateway.rate-limit.anonymous-tier");
        config.keys().forEach((name, key) -> requireTier(key.tier(), "gateway.keys." + name + ".tier"));
    }

    private void requireTier(String tier, String property) {
        if (config.enabled() && !config.tiers().containsKey(tier)) {
            throw new IllegalArgumentException(property + " names tier '" + tier
                    + "', which gateway.rate-limit.tiers does not define");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Future<Decision> check(String bucket, String tierName) {
        GatewayConfig.Tier tier = config.tiers().get(tierName);
        if (tier == null) {
            throw new IllegalStateException("unknown rate-limit tier " + tierName);
        }
        long limit = Math.max(1, tier.limit());
        long interval = emissionMicros(tier, limit);
        String key = tierName + ":" + bucket;
        long cap = Math.max(1, Math.min(config.leaseSize(), limit / 100));
        if (cap <= 1) {
            return viaRedis(key, limit, interval, 1);
        }
        Decision leased = fromLease(key);
        if (leased != null) {
            if (leases.runningLow(key)) {
                refillAhead(key, limit, interval, cap);
            }
            return Future.succeededFuture(leased);
        }
        // One refill per bucket at a time: requests arriving meanwhile wait for it and take from the new lease.
        Promise<Void> mine = Promise.promise();
        Future<Void> refilling = refills.putIfAbsent(key, mine.future());
        if (refilling != null) {
            return refilling.transform(done -> {
                Decision fresh = fromLease(key);
                return fresh != null ? Future.succeededFuture(fresh)
                        : viaRedis(key, limit, interval, leases.nextGrantSize(key, cap, System.currentTimeMillis()));
            });
        }
        return viaRedis(key, limit, interval, leases.nextGrantSize(key, cap, System.currentTimeMillis()))
                .onComplete(done -> {
                    refills.remove(key, mine.future());
                    mine.complete();
                });
    }

    /** Microseconds between two requests at the tier's sustained rate (at least 1). */
    static long emissionMicros(GatewayConfig.Tier tier, long limit) {
        return Math.max(1, tier.period().toNanos() / 1000 / limit);
    }

    private Decision fromLease(String key) {
        Decision leased = leases.take(key, System.currentTimeMillis());
        if (leased != null) {
            metrics.rateLimit("allowed", "lease");
        }
        return leased;
    }

    /**
     * Asks Redis for the next lease while a quarter of this one is left, so the requests of a busy bucket need not
     * wait for that round trip when it runs out. Held tokens then live on for another {@code lease-ttl}.
     */
    private void refillAhead(String key, long limit, long interval, long cap) {
        Promise<Void> mine = Promise.promise();
        if (refills.putIfAbsent(key, mine.future()) != null) {
            return;
        }
        gcra(key, limit, interval, leases.nextGrantSize(key, cap, System.currentTimeMillis())).onComplete(answer -> {
            if (answer.succeeded() && answer.result().get(0).toLong() > 0) {
                Response grant = answer.result();
                leases.grant(key, grant.get(0).toLong(), 0, limit, grant.get(1).toLong(), grant.get(2).toLong(),
                        System.currentTimeMillis());
            } else if (answer.failed()) {
                metrics.rateLimitError();
            }
            refills.remove(key, mine.future());
            mine.complete();
        });
    }

    private Future<Response> gcra(String key, long limit, long interval, long batch) {
        Request eval = Request.cmd(Command.EVAL).arg(GCRA).arg(1).arg(keyPrefix + key).arg(interval).arg(limit)
                .arg(batch);
        return breaker.send(eval, config.timeout().toMillis());
    }

    private Future<Decision> viaRedis(String key, long limit, long interval, long batch) {
        return gcra(key, limit, interval, batch).map(answer -> {
            Decision decision = decode(answer, limit);
            if (batch > 1) {
                leases.grant(key, answer.get(0).toLong(), 1, limit, answer.get(1).toLong(), answer.get(2).toLong(),
                        System.currentTimeMillis());
            }
            metrics.rateLimit(decision.allowed() ? "allowed" : "limited", "redis");
            return decision;
        }).recover(failure -> {
            metrics.rateLimitError();
            Decision decision = local.check(key, limit, interval);
            metrics.rateLimit(decision.allowed() ? "allowed" : "limited", "local");
            return Future.succeededFuture(decision);
        });
    }

    /** The {@code RateLimit-Remaining} of this request includes the tokens its lease still holds. */
    private static Decision decode(Response answer, long limit) {
        long granted = answer.get(0).toLong();
        return Decision.of(granted >= 1, limit, answer.get(1).toLong() + Math.max(0, granted - 1),
                answer.get(2).toLong(), answer.get(3).toLong());
    }
}
