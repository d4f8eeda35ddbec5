package io.scalingsuite.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.scalingsuite.devinfra.LocalInfraTestResource;

/**
 * Every test in this module runs against real PostgreSQL and Redis: the machine's where they answer, embedded
 * ones where not, with a fresh database and a fresh Redis key prefix per application start (and, in the
 * two-shard run, a second fresh database for shard s1: see {@link ShardedInfraTestResource}).
 */
@WithTestResource(value = ShardedInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = LocalInfraTestResource.DATABASE_PREFIX, value = "catalog_test"),
        @ResourceArg(name = LocalInfraTestResource.REDIS_PREFIX_PROPERTY, value = "catalog.cache.key-prefix") })
public final class CatalogTestInfra {

    private CatalogTestInfra() {
    }
}
