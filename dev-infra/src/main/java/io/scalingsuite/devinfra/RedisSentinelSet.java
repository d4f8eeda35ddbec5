package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Sentinel-managed Redis as the chart's {@code clientType: sentinel} expects: a master, one replica and three
 * Sentinels (quorum 2), every one of them requiring the same password. A test may force a failover (the replica
 * is promoted, the old master demoted) or kill the master and let the Sentinels find out.
 */
public final class RedisSentinelSet implements AutoCloseable {

    public static final String MASTER_NAME = "suite-master";
    private static final long DOWN_AFTER_MILLIS = 1_000;

    private final String password;
    private final List<RedisNode> servers = new ArrayList<>();
    private final List<RedisNode> sentinels = new ArrayList<>();

    private RedisSentinelSet(String password) {
        this.password = password;
    }

    /** Starts the set and waits until the Sentinels know the replica and each other. */
    public static RedisSentinelSet start(String password) {
        RedisSentinelSet set = new RedisSentinelSet(password);
        try {
            String auth = "requirepass " + password;
            RedisNode master = RedisNode.start(auth, "masterauth " + password);
            set.servers.add(master);
            set.servers.add(RedisNode.start(auth, "masterauth " + password,
                    "replicaof " + LocalInfra.HOST + " " + master.port()));
            for (int i = 0; i < 3; i++) {
                set.sentinels.add(RedisNode.startSentinel(auth,
                        "sentinel monitor " + MASTER_NAME + " " + LocalInfra.HOST + " " + master.port() + " 2",
                        "sentinel auth-pass " + MASTER_NAME + " " + password,
                        "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                        "sentinel failover-timeout " + MASTER_NAME + " 10000"));
            }
            Poll.until("sentinels know the replica and each other", 30, set::settled);
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** The Sentinels' URLs, comma-separated: {@code quarkus.redis.hosts} for {@code client-type=sentinel}. */
    public String sentinelUris() {
        return sentinels.stream().map(RedisNode::uri).collect(Collectors.joining(","));
    }

    public String password() {
        return password;
    }

    /** The node the Sentinels currently name as master. */
    public RedisNode master() {
        int port = masterPort();
        return servers.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown master port " + port));
    }

    /**
     * {@code SENTINEL FAILOVER}: promotes the replica and demotes the master (whose clients Redis disconnects), then
     * waits until the new master accepts writes. Returns the new master.
     */
    public RedisNode failover() {
        RedisNode old = master();
        try {
            RespCall.call(sentinels.get(0).port(), password, "SENTINEL", "FAILOVER", MASTER_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitNewMaster(old);
    }

    /** Waits until the Sentinels promoted another node than {@code old} and it takes writes. */
    public RedisNode awaitNewMaster(RedisNode old) {
        Poll.until("a new master", 60, () -> masterPort() != old.port() && role(master()).equals("master"));
        return master();
    }

    private boolean settled() {
        try {
            for (RedisNode sentinel : sentinels) {
                List<?> replicas = (List<?>) RespCall.call(sentinel.port(), password, "SENTINEL", "REPLICAS",
                        MASTER_NAME);
                List<?> peers = (List<?>) RespCall.call(sentinel.port(), password, "SENTINEL", "SENTINELS",
                        MASTER_NAME);
                if (replicas.size() != 1 || !"slave".equals(field((List<?>) replicas.get(0), "flags"))
                        || !"ok".equals(field((List<?>) replicas.get(0), "master-link-status")) || peers.size() != 2) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A field of a Sentinel reply given as a flat list of names and values. */
    private static String field(List<?> pairs, String name) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (name.equals(pairs.get(i))) {
                return String.valueOf(pairs.get(i + 1));
            }
        }
        return null;
    }

    private int masterPort() {
        for (RedisNode sentinel : sentinels) {
            try {
                List<?> address = (List<?>) RespCall.call(sentinel.port(), password, "SENTINEL",
                        "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                return Integer.parseInt(address.get(1).toString());
            } catch (IOException | RuntimeException e) {
                // a Sentinel that is down: ask the next
            }
        }
        throw new IllegalStateException("no Sentinel answers");
    }

    private String role(RedisNode node) {
        try {
            List<?> role = (List<?>) RespCall.call(node.port(), password, "ROLE");
            return role.get(0).toString();
        } catch (IOException e) {
            return "down";
        }
    }

    @Override
    public void close() {
        sentinels.forEach(RedisNode::close);
        servers.forEach(RedisNode::close);
    }
}
