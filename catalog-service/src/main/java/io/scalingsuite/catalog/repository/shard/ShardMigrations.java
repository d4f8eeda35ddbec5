package io.scalingsuite.catalog.repository.shard;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the same Flyway migrations on every shard's primary at start. The default datasource's shard is migrated
 * by Quarkus itself ({@code quarkus.flyway.migrate-at-start}); the others get a Flyway built from the same
 * configuration (locations, schemas, and Quarkus' build-time list of migration files) but their own pool.
 */
@ApplicationScoped
public class ShardMigrations {

    private final ShardPools pools;
    private final Flyway flyway;

    public ShardMigrations(ShardPools pools, Flyway flyway) {
        this.pools = pools;
        this.flyway = flyway;
    }

    void migrate(@Observes @Priority(1) StartupEvent startup) {
        for (Shard shard : pools.all()) {
            if (shard.primary() != flyway.getConfiguration().getDataSource()) {
                Flyway.configure().configuration(flyway.getConfiguration()).dataSource(shard.primary()).load()
                        .migrate();
            }
        }
    }
}
