package io.scalingsuite.catalog.repository.shard;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/** Hibernate ORM database multitenancy: the tenant of a new session is the shard the router chose for it. */
@PersistenceUnitExtension
@ApplicationScoped
public class ShardTenantResolver implements TenantResolver {

    private final ShardPools pools;

    public ShardTenantResolver(ShardPools pools) {
        this.pools = pools;
    }

    @Override
    public String getDefaultTenantId() {
        return pools.first().name();
    }

    @Override
    public String resolveTenantId() {
        String tenant = ShardContext.current();
        return tenant == null ? getDefaultTenantId() : tenant;
    }
}
