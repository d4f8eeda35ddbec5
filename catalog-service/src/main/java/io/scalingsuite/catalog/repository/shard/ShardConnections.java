package io.scalingsuite.catalog.repository.shard;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.customized.QuarkusConnectionProvider;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;

/** Hands Hibernate the pool of a tenant id: a shard's primary, or one of its replicas (see {@link ShardPools}). */
@PersistenceUnitExtension
@ApplicationScoped
public class ShardConnections implements TenantConnectionResolver {

    private final ShardPools pools;

    public ShardConnections(ShardPools pools) {
        this.pools = pools;
    }

    @Override
    public ConnectionProvider resolve(String tenantId) {
        return new QuarkusConnectionProvider(pools.dataSource(tenantId));
    }
}
