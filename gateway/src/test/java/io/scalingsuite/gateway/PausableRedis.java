package io.scalingsuite.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.devinfra.RedisNode;

/** The gateway on a Redis of its own that a test may freeze (SIGSTOP); timeouts are the production defaults. */
public class PausableRedis implements QuarkusTestProfile {

    private static RedisNode node;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", node().uri(), "gateway.cache.timeout", "PT0.05S",
                "gateway.rate-limit.timeout", "PT0.05S");
    }

    static synchronized RedisNode node() {
        if (node == null) {
            node = RedisNode.start();
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        }
        return node;
    }
}
