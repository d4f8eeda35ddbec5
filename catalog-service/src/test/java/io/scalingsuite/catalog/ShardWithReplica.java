package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.devinfra.StreamingReplicaPair;

/**
 * Shard {@code s0} on a test-owned PostgreSQL primary with a real streaming replica ({@link StreamingReplicaPair}).
 * The lag bound is an hour, so a replica with paused replay stays in rotation and serves stale reads (the case the
 * consistency token exists for); the Redis cache is off, so every read reaches the router.
 */
public class ShardWithReplica implements QuarkusTestProfile {

    private static StreamingReplicaPair pair;

    static synchronized StreamingReplicaPair pair() {
        if (pair == null) {
            pair = StreamingReplicaPair.start();
            // close() also deletes the pair's directory, which its own stop-on-exit hook leaves behind.
            StreamingReplicaPair started = pair;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "replica-pair-close"));
            pair.createDatabase("catalog_replicated");
        }
        return pair;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        StreamingReplicaPair replicated = pair();
        return Map.of("catalog.shards.s0.url", replicated.primaryJdbcUrl("catalog_replicated"),
                "catalog.shards.s0.replicas", replicated.replicaJdbcUrl("catalog_replicated"),
                "catalog.replicas.max-lag", "PT1H",
                "catalog.cache.enabled", "false");
    }
}
