package io.scalingsuite.aggregation;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.scalingsuite.devinfra.LocalInfraTestResource;

/** Real PostgreSQL and Redis for every test: a fresh database and a stream of its own per application start. */
@WithTestResource(value = LocalInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = LocalInfraTestResource.DATABASE_PREFIX, value = "aggregation_test"),
        @ResourceArg(name = LocalInfraTestResource.REDIS_PREFIX_PROPERTY, value = "test.redis-prefix") })
public final class AggregationTestInfra {

    private AggregationTestInfra() {
    }
}
