package io.scalingsuite.aggregation.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * Entries other consumers left pending: XAUTOCLAIM takes those idle longer than {@code claim-idle}, following the
 * cursor it returns until 0-0 (a large backlog in one round, not one page per round); consumers idle longer than
 * {@code consumer-idle-limit} with nothing pending (replicas that are gone) leave the group.
 */
@ApplicationScoped
public class PendingClaims {

    private static final Logger LOG = Logger.getLogger(PendingClaims.class);

    /** Atomic, so no consumer is removed between seeing it has nothing pending and removing it. */
    private static final String REMOVE_IDLE = """
            local removed = 0
            for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
              local f = {}
              for i = 1, #c, 2 do f[c[i]] = c[i + 1] end
              if f['name'] ~= ARGV[2] and tonumber(f['pending']) == 0 and tonumber(f['idle']) > tonumber(ARGV[3]) then
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], f['name'])
                removed = removed + 1
              end
            end
            return removed""";

    private final RedisDataSource redis;
    private final EntryHandler handler;
    private final AggregationConfig.Stream config;

    public PendingClaims(RedisDataSource redis, EntryHandler handler, AggregationConfig config) {
        this.redis = redis;
        this.handler = handler;
        this.config = config.stream();
    }

    /** Claims and handles every entry idle longer than {@code claim-idle}. */
    void claimIdle(String consumer) {
        String cursor = "0-0";
        do {
            Response claimed = redis.execute("XAUTOCLAIM", config.key(), config.group(), consumer,
                    Long.toString(config.claimIdle().toMillis()), cursor, "COUNT",
                    Integer.toString(config.batchSize()));
            cursor = claimed.get(0).toString();
            handler.handleAll(claimed.get(1), true);
        } while (!"0-0".equals(cursor));
    }

    /** Removes the group's consumers, other than this one, that are idle past the limit with nothing pending. */
    void removeGoneConsumers(String self) {
        long removed = redis.execute("EVAL", REMOVE_IDLE, "1", config.key(), config.group(), self,
                Long.toString(config.consumerIdleLimit().toMillis())).toLong();
        if (removed > 0) {
            LOG.infof("Removed %d idle consumer(s) with nothing pending from group %s", removed, config.group());
        }
    }
}
