package io.scalingsuite.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.gateway.Deadlines;
import io.scalingsuite.gateway.GatewayMetrics;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Rate limits shared by every replica: GCRA (generic cell rate algorithm) in one atomic Lua script on Redis's
 * clock, one key per caller bucket. A tier allows {@code limit} requests per {@code period}, all of them at once
 * as a burst. When Redis fails or is slower than {@code gateway.rate-limit.timeout}, {@link LocalRateLimiter}
 * decides instead and the failure is counted.
 */
@ApplicationScoped
public class RateLimiter {

    /** KEYS: bucket; ARGV: emission interval ms, limit. Returns allowed, remaining, reset ms, retry ms. */
    private static final String GCRA = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local limit = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local next_tat = tat + interval
            local allow_at = next_tat - limit * interval
            if now < allow_at then return {0, 0, tat - now, allow_at - now} end
            redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now)
            return {1, math.floor((now - allow_at) / interval), next_tat - now, 0}""";

    private final Redis redis;
    private final Vertx vertx;
    private final LocalRateLimiter local;
    private final GatewayMetrics metrics;
    private final GatewayConfig.RateLimit config;
    private final String keyPrefix;

    public RateLimiter(Redis redis, Vertx vertx, LocalRateLimiter local, GatewayMetrics metrics,
            GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.local = local;
        this.metrics = metrics;
        this.config = config.rateLimit();
        this.keyPrefix = config.cache().keyPrefix() + ":rl:";
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
        long interval = Math.max(1, tier.period().toMillis() / limit);
        Request eval = Request.cmd(Command.EVAL).arg(GCRA).arg(1).arg(keyPrefix + tierName + ":" + bucket)
                .arg(interval).arg(limit);
        return Deadlines.within(vertx, redis.send(eval), config.timeout().toMillis()).map(answer -> {
            Decision decision = decode(answer, limit);
            metrics.rateLimit(decision.allowed() ? "allowed" : "limited", "redis");
            return decision;
        }).recover(failure -> {
            metrics.rateLimitError();
            Decision decision = local.check(tierName + ":" + bucket, limit, interval);
            metrics.rateLimit(decision.allowed() ? "allowed" : "limited", "local");
            return Future.succeededFuture(decision);
        });
    }

    private static Decision decode(Response answer, long limit) {
        return Decision.of(answer.get(0).toLong() == 1, limit, answer.get(1).toLong(), answer.get(2).toLong(),
                answer.get(3).toLong());
    }
}
