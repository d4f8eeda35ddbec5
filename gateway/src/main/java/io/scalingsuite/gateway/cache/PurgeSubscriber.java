package io.scalingsuite.gateway.cache;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Listens on {@code gateway.cache.purge-channel} for tags that services purge after their own commits (writes
 * that did not pass through this gateway) and drops the tagged entries. A lost connection is re-established
 * every second; purges published meanwhile are missed, and the entries' max-age bounds their staleness (the
 * {@link NearCache} is not used while the subscription is down). It also listens on the near-cache channel, on
 * which every replica's purge script announces the tags it purged, and drops them from this replica's memory.
 * <p>
 * The connection comes from the one Quarkus Redis client ({@code quarkus.redis.*}), so its password, Sentinel
 * master name or Cluster topology apply here as everywhere: with Sentinel it subscribes on the current master
 * (and again on the new one after a failover); on a Cluster on any node, since every node relays every PUBLISH.
 * <p>
 * A subscription that looks connected but delivers nothing is caught by {@link PurgeHeartbeat}: with no heartbeat
 * back for three intervals it counts as down ({@link #subscribed()}, readiness data, {@code gateway.purge.subscribed})
 * and is dropped and made again.
 */
@ApplicationScoped
public class PurgeSubscriber {

    private static final Logger LOG = Logger.getLogger(PurgeSubscriber.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final Vertx vertx;
    private final RedisCache cache;
    private final String channel;
    private final String nearChannel;
    private final NearCache near;
    private final NearLease lease;
    private final boolean enabled;
    private final Redis client;
    private final PurgeHeartbeat heartbeat;
    private volatile boolean stopped;
    private volatile boolean subscribed;
    private volatile boolean reportedDown;
    private volatile RedisConnection current;
    private long heartbeatTimer = -1;

    public PurgeSubscriber(Vertx vertx, Redis client, RedisCache cache, NearCache near, NearLease lease,
            PurgeHeartbeat heartbeat, GatewayMetrics metrics, GatewayConfig config) {
        this.vertx = vertx;
        this.cache = cache;
        this.channel = config.cache().purgeChannel();
        this.nearChannel = cache.nearChannel();
        this.near = near;
        this.lease = lease;
        this.enabled = config.cache().enabled();
        this.client = client;
        this.heartbeat = heartbeat;
        if (enabled) {
            metrics.purgeSubscription(this, s -> s.subscribed() ? 1 : 0);
        }
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            connect();
            heartbeatTimer = vertx.setPeriodic(heartbeat.intervalMillis(), id -> beat());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(heartbeatTimer);
        RedisConnection connection = current;
        if (connection != null) {
            connection.close(); // the client itself belongs to Quarkus
        }
    }

    /** Subscribed, and the subscription demonstrably delivers (its last heartbeat came back in time). */
    public boolean subscribed() {
        return subscribed && heartbeat.alive();
    }

    /** Milliseconds since this replica's last heartbeat came back through the subscription. */
    public long heartbeatAgeMillis() {
        return heartbeat.ageMillis();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect().onSuccess(connection -> {
            current = connection;
            connection.handler(this::onMessage);
            connection.exceptionHandler(failure -> reconnect(connection));
            connection.endHandler(ended -> reconnect(connection));
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                    .compose(ok -> connection.send(Request.cmd(Command.SUBSCRIBE).arg(nearChannel)))
                    .onSuccess(ok -> {
                        heartbeat.restart();
                        subscribed = true;
                        reportedDown = false;
                        near.purgesArrive(true);
                        LOG.infof("purge subscription on %s and %s established", channel, nearChannel);
                    })
                    .onFailure(failure -> {
                        LOG.warnf("purge subscription refused: %s", failure.getMessage());
                        reconnect(connection);
                    });
        }).onFailure(failure -> {
            if (!stopped && !reportedDown) {
                reportedDown = true; // once per outage, not every second
                LOG.warnf("purge subscription not possible, retrying every %d ms: %s", RECONNECT_MILLIS,
                        failure.getMessage());
            }
            vertx.setTimer(RECONNECT_MILLIS, id -> connect());
        });
    }

    private void reconnect(RedisConnection connection) {
        if (stopped || connection != current) {
            return; // already being replaced (exception and end both report one loss)
        }
        current = null;
        if (subscribed) {
            reportedDown = true;
            LOG.warn("purge subscription lost: near cache off and purges missed until it is back");
        }
        subscribed = false;
        near.purgesArrive(false);
        connection.close();
        vertx.setTimer(RECONNECT_MILLIS, id -> connect());
    }

    /** Publishes a heartbeat, or drops a subscription whose heartbeats stopped coming back and subscribes again. */
    private void beat() {
        RedisConnection connection = current;
        if (!subscribed || connection == null) {
            return; // (re)connecting: that loop is in charge
        }
        if (!heartbeat.alive()) {
            LOG.warnf("purge subscription silent: no heartbeat back for %d ms", heartbeat.ageMillis());
            reconnect(connection);
            return;
        }
        heartbeat.send();
    }

    private void onMessage(Response message) {
        if (message.size() == 3 && "message".equals(message.get(0).toString())) {
            if (channel.equals(message.get(1).toString()) && heartbeat.onMessage(message.get(2).toString())) {
                return; // a replica's heartbeat: see PurgeHeartbeat
            }
            if (nearChannel.equals(message.get(1).toString()) && lease.onMessage(message.get(2).toString())) {
                return; // a replica's ping, fence or acknowledgement: see NearLease
            }
            List<String> tags = Arrays.stream(message.get(2).toString().split(",")).map(String::trim)
                    .filter(tag -> !tag.isEmpty()).distinct().toList();
            if (nearChannel.equals(message.get(1).toString())) {
                near.invalidate(tags); // a replica purged Redis already: only the in-memory copies are left
            } else {
                cache.purge(tags, "pubsub");
            }
        }
    }
}
