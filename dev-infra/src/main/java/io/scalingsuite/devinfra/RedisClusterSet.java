package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Redis Cluster as the chart's {@code clientType: cluster} expects: three masters sharing the 16384 slots and one
 * replica each, optionally all requiring a password. Built with {@code CLUSTER MEET / ADDSLOTS / REPLICATE}
 * rather than {@code redis-cli --cluster create}, so it also works with the embedded binary, which has no
 * redis-cli.
 */
public final class RedisClusterSet implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final String password;
    private final List<RedisNode> masters = new ArrayList<>();
    private final List<RedisNode> replicas = new ArrayList<>();

    private RedisClusterSet(String password) {
        this.password = password;
    }

    /** Starts six nodes and waits until the cluster is {@code ok} on each; {@code password} may be null. */
    public static RedisClusterSet start(String password) {
        RedisClusterSet set = new RedisClusterSet(password);
        try {
            List<String> settings = new ArrayList<>(List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                    "cluster-node-timeout 2000"));
            if (password != null) {
                settings.addAll(List.of("requirepass " + password, "masterauth " + password));
            }
            for (int i = 0; i < 3; i++) {
                set.masters.add(RedisNode.start(settings.toArray(String[]::new)));
                set.replicas.add(RedisNode.start(settings.toArray(String[]::new)));
            }
            set.form();
            return set;
        } catch (IOException e) {
            set.close();
            throw new UncheckedIOException("could not form the cluster", e);
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private void form() throws IOException {
        List<RedisNode> all = nodes();
        for (RedisNode node : all.subList(1, all.size())) {
            call(all.get(0), "CLUSTER", "MEET", LocalInfra.HOST, Integer.toString(node.port()));
        }
        for (int i = 0; i < masters.size(); i++) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = i * SLOTS / 3; slot < (i + 1) * SLOTS / 3; slot++) {
                command.add(Integer.toString(slot));
            }
            call(masters.get(i), command.toArray(String[]::new));
        }
        Poll.until("every node knows the five others", 30, () -> all.stream().allMatch(this::knowsAll));
        for (int i = 0; i < replicas.size(); i++) {
            call(replicas.get(i), "CLUSTER", "REPLICATE", call(masters.get(i), "CLUSTER", "MYID"));
        }
        Poll.until("cluster_state:ok with three replicas in sync", 60,
                () -> all.stream().allMatch(node -> info(node).contains("cluster_state:ok"))
                        && replicas.stream().allMatch(this::inSync));
    }

    /** Some nodes' URLs, comma-separated: {@code quarkus.redis.hosts} for {@code client-type=cluster}. */
    public String uris() {
        return nodes().stream().map(RedisNode::uri).collect(Collectors.joining(","));
    }

    public List<RedisNode> nodes() {
        List<RedisNode> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    public String password() {
        return password;
    }

    /** The master serving the slot of {@code key} (hash tags honoured). */
    public RedisNode masterOf(String key) {
        try {
            long slot = (Long) RespCall.call(masters.get(0).port(), password, "CLUSTER", "KEYSLOT", key);
            int owner = 0;
            while (slot >= (owner + 1) * SLOTS / 3) { // the ranges ADDSLOTS gave out
                owner++;
            }
            return masters.get(owner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean knowsAll(RedisNode node) {
        String nodes = call(node, "CLUSTER", "NODES");
        return nodes.lines().count() == 6 && !nodes.contains("handshake") && !nodes.contains("noaddr");
    }

    private boolean inSync(RedisNode replica) {
        try {
            List<?> role = (List<?>) RespCall.call(replica.port(), password, "ROLE");
            return "slave".equals(role.get(0)) && "connected".equals(role.get(3));
        } catch (IOException e) {
            return false;
        }
    }

    private String info(RedisNode node) {
        return call(node, "CLUSTER", "INFO");
    }

    private String call(RedisNode node, String... command) {
        try {
            return RespCall.text(node.port(), password, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes().forEach(RedisNode::close);
    }
}
