package io.scalingsuite.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The Sentinel and Cluster harnesses behave as the services will see them. */
class RedisTopologiesTest {

    private static final String PASSWORD = "topo-s3cret";

    @Test
    void shouldPromoteTheReplicaWithTheMastersDataOnFailover() throws IOException {
        try (RedisSentinelSet set = RedisSentinelSet.start(PASSWORD)) {
            RedisNode before = set.master();
            assertEquals("OK", RespCall.call(before.port(), PASSWORD, "SET", "k", "v"));
            assertEquals(1L, RespCall.call(before.port(), PASSWORD, "WAIT", "1", "5000"), "replicated");

            RedisNode after = set.failover();

            assertNotEquals(before.port(), after.port());
            assertEquals("v", RespCall.call(after.port(), PASSWORD, "GET", "k"));
            assertEquals("OK", RespCall.call(after.port(), PASSWORD, "SET", "k", "w"), "the new master takes writes");
            assertThrows(IOException.class, () -> RespCall.call(after.port(), null, "GET", "k"),
                    "every node requires the password");
        }
    }

    @Test
    void shouldServeEverySlotAndRefuseCrossSlotScripts() throws IOException {
        try (RedisClusterSet cluster = RedisClusterSet.start(PASSWORD)) {
            for (RedisNode node : cluster.nodes()) {
                assertTrue(RespCall.text(node.port(), PASSWORD, "CLUSTER", "INFO").contains("cluster_slots_ok:16384"));
            }
            RedisNode owner = cluster.masterOf("{tag}:a");
            assertEquals(2L, RespCall.call(owner.port(), PASSWORD, "EVAL",
                    "redis.call('SET', KEYS[1], 1) redis.call('SET', KEYS[2], 1) return 2", "2", "{tag}:a", "{tag}:b"));
            IOException crossSlot = assertThrows(IOException.class, () -> RespCall.call(owner.port(), PASSWORD, "EVAL",
                    "return 1", "2", "{tag}:a", "other:b"));
            assertTrue(crossSlot.getMessage().contains("CROSSSLOT"), crossSlot.getMessage());
            List<?> replicaRole = (List<?>) RespCall.call(cluster.nodes().get(3).port(), PASSWORD, "ROLE");
            assertEquals("slave", replicaRole.get(0));
        }
    }
}
