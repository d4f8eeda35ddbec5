package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.devinfra.RedisNode;

/**
 * catalog on a Redis of its own that tests may freeze (SIGSTOP), slow down (a short freeze) or kill. It keeps what
 * it acknowledged across a kill (append-only file, fsync always), as a production Redis with persistence does, so
 * a restarted Redis still holds the entries and marks it had. Timeouts are the production defaults.
 */
public class DedicatedRedis implements QuarkusTestProfile {

    private static RedisNode node;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", node().uri(), "catalog.cache.timeout", "PT0.05S",
                "catalog.cache.write-timeout", "PT1S");
    }

    static synchronized RedisNode node() {
        if (node == null) {
            node = RedisNode.start("appendonly yes", "appendfsync always");
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        }
        return node;
    }

    /** Brings the node back whatever a test did to it. */
    static void heal() throws Exception {
        RedisNode redis = node();
        redis.resume();
        if (!redis.answers()) {
            redis.launch();
        }
    }
}
