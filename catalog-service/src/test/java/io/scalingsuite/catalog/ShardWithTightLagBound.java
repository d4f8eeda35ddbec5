package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** {@link ShardWithReplica}'s primary and replica, a database of its own, and the default lag bound of one second. */
public class ShardWithTightLagBound implements QuarkusTestProfile {

    private static boolean created;

    @Override
    public Map<String, String> getConfigOverrides() {
        var pair = ShardWithReplica.pair();
        synchronized (ShardWithTightLagBound.class) {
            if (!created) {
                pair.createDatabase("catalog_lag_bound");
                created = true;
            }
        }
        return Map.of("catalog.shards.s0.url", pair.primaryJdbcUrl("catalog_lag_bound"),
                "catalog.shards.s0.replicas", pair.replicaJdbcUrl("catalog_lag_bound"),
                "catalog.cache.enabled", "false");
    }
}
