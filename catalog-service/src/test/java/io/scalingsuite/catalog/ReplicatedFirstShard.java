package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two shards whatever the run: {@code s0} on a primary with a real streaming replica ({@link ShardWithReplica}),
 * {@code s1} on a database of its own ({@link TwoShards}). The Redis cache is off.
 */
public class ReplicatedFirstShard implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("catalog.shards.s0.url", ShardWithReplica.pair().primaryJdbcUrl("catalog_replicated"),
                "catalog.shards.s0.replicas", ShardWithReplica.pair().replicaJdbcUrl("catalog_replicated"),
                "catalog.shards.s1.url", TwoShards.secondShardUrl(),
                "catalog.replicas.max-lag", "PT1H",
                "catalog.cache.enabled", "false");
    }
}
