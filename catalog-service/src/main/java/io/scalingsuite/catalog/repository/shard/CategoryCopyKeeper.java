package io.scalingsuite.catalog.repository.shard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.vertx.core.Vertx;

/**
 * Runs a {@link CategoryReplicator} pass at start and every {@code catalog.categories.repair-interval} when there
 * are several shards: the repair of copies that a category write could not reach (a shard down, a crash between
 * the authority's commit and the copies). Every instance runs it; the authority's lock lets one pass at a time
 * through and the others skip their turn.
 */
@ApplicationScoped
public class CategoryCopyKeeper {

    private static final Logger LOG = Logger.getLogger(CategoryCopyKeeper.class);

    private final CategoryReplicator replicator;
    private final ShardPools pools;
    private final CatalogConfig.Categories config;

    public CategoryCopyKeeper(CategoryReplicator replicator, ShardPools pools, CatalogConfig config) {
        this.replicator = replicator;
        this.pools = pools;
        this.config = config.categories();
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        if (pools.all().size() < 2) {
            return;
        }
        vertx.executeBlocking(() -> keep(), false);
        vertx.setPeriodic(config.repairInterval().toMillis(), id -> vertx.executeBlocking(() -> keep(), false));
    }

    private Void keep() {
        try {
            replicator.replicateIfFree();
        } catch (RuntimeException e) {
            LOG.warnf("Category copies not checked this time: %s", e.getMessage());
        }
        return null;
    }
}
