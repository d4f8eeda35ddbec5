package io.scalingsuite.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.RedisNode;
import io.scalingsuite.devinfra.RedisSentinelSet;
import io.scalingsuite.devinfra.Resp;

/**
 * The Redis a {@link ProcessSuite} runs on, and what the chaos faults may do to it. {@link #standalone()} is one
 * real {@code redis-server} with {@code appendfsync always}; {@link #sentinel(String)} a master, a replica and three
 * Sentinels with a password, whose {@link #failover()} {@link ChaosFaults#redisFailedOver()} runs.
 */
interface SuiteRedis extends AutoCloseable {

    /** A switch from the master to a replica while the services write (Sentinel's {@code FAILOVER}). */
    interface Failover {
        /** Makes a replica the master and returns once the sentinels answer with the new one. */
        void failOver() throws Exception;
    }

    /** What the services need to reach it: {@code QUARKUS_REDIS_HOSTS} and, per topology, client type and password. */
    Map<String, String> serviceEnv();

    /** host:port of the server the services write to now (a tool like the seeder talks to it directly). */
    String address();

    /** SIGKILL of the server the services write to. */
    void kill() throws Exception;

    /** Starts it again after {@link #kill()} on the same port, with what it persisted. */
    void restart() throws Exception;

    /** The failover fault, where the topology has a replica to fail over to. */
    Optional<Failover> failover();

    @Override
    void close();

    /** The shortest stall Redis's latency monitor records, in milliseconds. */
    int STALL_MILLIS = 100;

    /**
     * What Redis's own latency monitor saw since it started: every kind of stall of {@value #STALL_MILLIS} ms or more
     * (an fsync, a command, a fork) with its longest, so a slow write can be told apart from a slow Redis.
     */
    default String stalls() {
        return "not measured on this topology";
    }

    /** One {@code redis-server} that persists every write before answering (AOF, {@code appendfsync always}). */
    static SuiteRedis standalone() {
        RedisNode node = RedisNode.start("appendonly yes", "appendfsync always",
                "latency-monitor-threshold " + STALL_MILLIS);
        return new SuiteRedis() {
            @Override
            public String stalls() {
                try {
                    List<String> events = Resp.scalars(LocalInfra.HOST, node.port(), 2000, "LATENCY", "LATEST");
                    List<String> stalls = new ArrayList<>();
                    for (int i = 0; i + 3 < events.size(); i += 4) { // name, when, latest ms, longest ms
                        stalls.add(events.get(i) + " up to " + events.get(i + 3) + " ms");
                    }
                    return stalls.isEmpty() ? "none over " + STALL_MILLIS + " ms" : String.join(", ", stalls);
                } catch (IOException e) {
                    return "not measured: " + e.getMessage();
                }
            }

            @Override
            public Map<String, String> serviceEnv() {
                return Map.of("QUARKUS_REDIS_HOSTS", node.uri());
            }

            @Override
            public String address() {
                return node.uri().substring("redis://".length());
            }

            @Override
            public void kill() {
                node.kill();
            }

            @Override
            public void restart() throws Exception {
                node.launch();
            }

            @Override
            public Optional<Failover> failover() {
                return Optional.empty();
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }

    /** dev-infra's Sentinel set (no persistence: a killed master loses what it had not replicated). */
    static SuiteRedis sentinel(String password) {
        RedisSentinelSet set = RedisSentinelSet.start(password);
        return new SuiteRedis() {
            private RedisNode killed;

            @Override
            public Map<String, String> serviceEnv() {
                return Map.of("QUARKUS_REDIS_HOSTS", set.sentinelUris(), "QUARKUS_REDIS_CLIENT_TYPE", "sentinel",
                        "QUARKUS_REDIS_MASTER_NAME", RedisSentinelSet.MASTER_NAME, "QUARKUS_REDIS_PASSWORD", password);
            }

            @Override
            public String address() {
                return set.master().uri().substring("redis://".length());
            }

            @Override
            public void kill() {
                killed = set.master();
                killed.kill();
            }

            @Override
            public void restart() throws Exception {
                killed.launch();
            }

            @Override
            public Optional<Failover> failover() {
                return Optional.of(set::failover);
            }

            @Override
            public void close() {
                set.close();
            }
        };
    }
}
