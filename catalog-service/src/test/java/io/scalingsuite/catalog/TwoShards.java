package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.devinfra.LocalInfra;

/**
 * The catalog on two shards whatever the run: {@code s0} on the test database, {@code s1} on a database of its own
 * (LocalInfra drops it when the JVM ends). The Redis cache is off, so every read reaches a shard and the per-shard
 * meters count it.
 */
public class TwoShards implements QuarkusTestProfile {

    private static String secondShard;

    static synchronized String secondShardUrl() {
        if (secondShard == null) {
            secondShard = LocalInfra.createDatabase("catalog_shard");
        }
        return secondShard;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("catalog.shards.s0.pool-size", "16", "catalog.shards.s1.url", secondShardUrl(),
                "catalog.cache.enabled", "false");
    }
}
