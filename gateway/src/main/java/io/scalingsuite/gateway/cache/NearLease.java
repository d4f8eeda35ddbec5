package io.scalingsuite.gateway.cache;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Closes the window between a write's purge and the moment every other replica's {@link NearCache} has dropped the
 * purged entries (purges reach the other replicas by pub/sub, after the purging replica got its answer). Each
 * replica publishes a ping on the near-cache channel every quarter of {@code gateway.cache.near-lease} and notes
 * when it sent it; when its own ping comes back it has processed every purge published before that moment (one
 * subscription delivers in order). It answers from memory only while its last returned ping was sent less than a
 * lease ago. A write is answered when every replica has demonstrably processed its purge, and at the latest a
 * lease after the purge, when every replica has either processed it or stopped answering from memory.
 * <p>
 * The fast way ({@link LeaseMessages}): after the purge the writing replica publishes a fence; every replica that
 * receives it has processed the purge before it and acknowledges it on the same channel. The write is answered once
 * every replica whose ping it heard in the last two leases (any replica that may still answer on a confirmation
 * older than the purge) has acknowledged: about one pub/sub round trip, where the lease costs 100 ms per write. A
 * silent replica (frozen, cut off, or an older version that does not acknowledge) leaves the write to the lease. On
 * Redis Cluster, where a fence may overtake the purge, writes always wait the lease.
 */
@Singleton
public class NearLease {

    private final LeaseMessages messages = new LeaseMessages(UUID.randomUUID().toString());
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    /** Other replicas' ids → when their last ping arrived here. */
    private final Map<String, Long> heard = new ConcurrentHashMap<>();
    private final Map<Long, Fence> fences = new ConcurrentHashMap<>();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong fenced = new AtomicLong();
    private final Redis redis;
    private final Vertx vertx;
    private final GatewayMetrics metrics;
    private final String channel;
    private final boolean active;
    private final boolean fast;
    private final long leaseMillis;
    private final long leaseNanos;
    private volatile long confirmedAt;
    private long timer = -1;

    /** A write waiting to be answered: the replicas it waits for are known once its fence came back. */
    private record Fence(Promise<Void> settled, long timer, Set<String> waiting) {
    }

    public NearLease(Redis redis, Vertx vertx, RedisCache cache, GatewayMetrics metrics, GatewayConfig config,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis;
        this.vertx = vertx;
        this.metrics = metrics;
        this.channel = cache.nearChannel();
        this.active = config.cache().enabled() && config.cache().nearMaxEntries() > 0
                && config.cache().nearMaxBytes() > 0;
        this.fast = active && !"cluster".equalsIgnoreCase(clientType);
        this.leaseMillis = Math.max(4, config.cache().nearLease().toMillis());
        this.leaseNanos = leaseMillis * 1_000_000;
        this.confirmedAt = System.nanoTime() - leaseNanos; // not current until a ping came back
    }

    void start(@Observes StartupEvent event) {
        if (active) {
            timer = vertx.setPeriodic(leaseMillis / 4, id -> ping());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Whether this replica may answer from memory now. */
    public boolean current() {
        return System.nanoTime() - confirmedAt < leaseNanos;
    }

    /** Completes when a write purged in Redis may be answered (at once without a near cache). */
    public Future<Void> settled() {
        if (!active) {
            return Future.succeededFuture();
        }
        long n = fenced.incrementAndGet();
        Promise<Void> settled = Promise.promise();
        fences.put(n, new Fence(settled, vertx.setTimer(leaseMillis, id -> settle(n, "lease")),
                ConcurrentHashMap.newKeySet()));
        if (fast) {
            publish(messages.fence(n));
        }
        return settled.future();
    }

    /** Takes a message of the near-cache channel if it belongs to the lease (any replica's): true then, no purge. */
    public boolean onMessage(String message) {
        LeaseMessages.Parsed parsed = messages.parse(message);
        if (parsed == null) {
            return false;
        }
        switch (parsed.kind()) {
            case PING -> pinged(parsed);
            case FENCE -> fenced(parsed);
            case ACK -> acknowledged(parsed);
            default -> { // another version's message: nothing to do
            }
        }
        return true;
    }

    private void pinged(LeaseMessages.Parsed ping) {
        if (!ping.mine()) {
            heard.put(ping.replica(), System.nanoTime());
            return;
        }
        Long sent = sentAt.remove(ping.number());
        if (sent != null && sent - confirmedAt > 0) {
            confirmedAt = sent;
        }
    }

    /** Everything published before the fence was processed here: its writer may count this replica as done. */
    private void fenced(LeaseMessages.Parsed fence) {
        if (!fence.mine()) {
            publish(messages.ack(fence.replica(), fence.number()));
            return;
        }
        Fence waiting = fences.get(fence.number());
        if (waiting == null) {
            return; // answered by the lease already
        }
        long since = System.nanoTime() - 2 * leaseNanos;
        heard.forEach((replica, at) -> {
            if (at - since > 0) {
                waiting.waiting().add(replica);
            }
        });
        if (waiting.waiting().isEmpty()) {
            settle(fence.number(), "confirmed");
        }
    }

    private void acknowledged(LeaseMessages.Parsed ack) {
        Fence waiting = ack.forMe() ? fences.get(ack.number()) : null;
        if (waiting != null && waiting.waiting().remove(ack.replica()) && waiting.waiting().isEmpty()) {
            settle(ack.number(), "confirmed");
        }
    }

    private void settle(long n, String by) {
        Fence done = fences.remove(n);
        if (done != null) {
            vertx.cancelTimer(done.timer());
            metrics.writeSettled(by);
            done.settled().complete();
        }
    }

    private void ping() {
        long n = pings.incrementAndGet();
        long now = System.nanoTime();
        sentAt.put(n, now);
        sentAt.remove(n - 64); // lost pings (Redis away) are forgotten, not kept
        heard.values().removeIf(at -> now - at > 8 * leaseNanos); // replicas gone
        publish(messages.ping(n));
    }

    private void publish(String message) {
        redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message));
    }
}
