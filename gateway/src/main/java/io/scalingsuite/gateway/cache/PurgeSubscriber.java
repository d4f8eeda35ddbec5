package io.scalingsuite.gateway.cache;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalingsuite.gateway.config.GatewayConfig;
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
    private volatile boolean stopped;
    private volatile boolean subscribed;
    private volatile boolean reportedDown;
    private volatile RedisConnection current;

    public PurgeSubscriber(Vertx vertx, Redis client, RedisCache cache, NearCache near, NearLease lease,
            GatewayConfig config) {
        this.vertx = vertx;
        this.cache = cache;
        this.channel = config.cache().purgeChannel();
        this.nearChannel = cache.nearChannel();
        this.near = near;
        this.lease = lease;
        this.enabled = config.cache().enabled();
        this.client = client;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            connect();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection connection = current;
        if (connection != null) {
            connection.close(); // the client itself belongs to Quarkus
        }
    }

    public boolean subscribed() {
        return subscribed;
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

    private void onMessage(Response message) {
        if (message.size() == 3 && "message".equals(message.get(0).toString())) {
            List<String> tags = Arrays.stream(message.get(2).toString().split(",")).map(String::trim)
                    .filter(tag -> !tag.isEmpty()).distinct().toList();
            if (nearChannel.equals(message.get(1).toString()) && lease.onMessage(message.get(2).toString())) {
                return; // a replica's ping: see NearLease
            }
            if (nearChannel.equals(message.get(1).toString())) {
                near.invalidate(tags); // a replica purged Redis already: only the in-memory copies are left
            } else {
                cache.purge(tags, "pubsub");
            }
        }
    }
}
