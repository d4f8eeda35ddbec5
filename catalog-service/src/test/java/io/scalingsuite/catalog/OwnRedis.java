package io.scalingsuite.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.devinfra.RedisNode;

/**
 * A redis-server of the test's own that persists nothing, so a test may SIGKILL it and get it back empty, as a
 * Redis without AOF comes back after a crash.
 */
public class OwnRedis implements QuarkusTestProfile {

    private static RedisNode node;

    static synchronized RedisNode node() {
        if (node == null) {
            node = RedisNode.start();
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        }
        return node;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", node().uri());
    }
}
