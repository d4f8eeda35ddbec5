package io.scalingsuite.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test in this module runs against real Redis and real HTTP upstreams, started once for the module. */
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GatewayTestInfra {

    private GatewayTestInfra() {
    }
}
