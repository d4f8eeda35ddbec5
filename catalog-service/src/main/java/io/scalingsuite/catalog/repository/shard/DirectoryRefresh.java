package io.scalingsuite.catalog.repository.shard;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.vertx.core.Vertx;

/**
 * Re-reads the move directories every {@code catalog.moves.directory-refresh} when there are several shards, so a
 * merchant moved by another instance is listed from its new shard here too (writes and id lookups follow a move at
 * once without this; merchant listings, which have no row to miss, need it).
 */
@ApplicationScoped
public class DirectoryRefresh {

    private static final Logger LOG = Logger.getLogger(DirectoryRefresh.class);

    private final Placement placement;
    private final ShardPools pools;
    private final CatalogConfig.Moves config;

    public DirectoryRefresh(Placement placement, ShardPools pools, CatalogConfig config) {
        this.placement = placement;
        this.pools = pools;
        this.config = config.moves();
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        if (pools.all().size() < 2) {
            return;
        }
        vertx.setPeriodic(config.directoryRefresh().toMillis(), id -> vertx.executeBlocking(() -> {
            refresh();
            return null;
        }, false));
    }

    void refresh() {
        try {
            placement.reload();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Move directories not re-read this time (kept the last ones): %s", e.getMessage());
        }
    }
}
