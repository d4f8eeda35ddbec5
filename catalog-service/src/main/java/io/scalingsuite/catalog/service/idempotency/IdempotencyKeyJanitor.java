package io.scalingsuite.catalog.service.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.IdempotencyKeyRepository;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;
import io.scalingsuite.catalog.repository.shard.ShardRouter;
import io.vertx.core.Vertx;

/**
 * Deletes Idempotency-Key records older than {@code catalog.idempotency.retention}, in small batches, every
 * {@code catalog.idempotency.purge-interval}, on every shard (on a worker thread; several instances may run it at
 * once).
 */
@ApplicationScoped
public class IdempotencyKeyJanitor {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyJanitor.class);
    private static final int BATCH = 1000;

    private final IdempotencyKeyRepository keys;
    private final CatalogConfig.Idempotency config;
    private final ShardPools shards;
    private final ShardRouter router;

    public IdempotencyKeyJanitor(IdempotencyKeyRepository keys, CatalogConfig config, ShardPools shards,
            ShardRouter router) {
        this.keys = keys;
        this.config = config.idempotency();
        this.shards = shards;
        this.router = router;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(config.purgeInterval().toMillis(), id -> vertx.executeBlocking(() -> purge(), false));
    }

    int purge() {
        int total = 0;
        for (Shard shard : shards.all()) {
            try {
                for (int deleted = BATCH; deleted == BATCH; total += deleted) {
                    deleted = router.write(shard, () -> keys.deleteExpired(config.retention(), BATCH));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Expired Idempotency-Key records on shard %s not purged this time: %s", shard.name(),
                        e.getMessage());
            }
        }
        return total;
    }
}
