package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.gateway.cache.NearLease;
import io.scalingsuite.gateway.cache.PurgeSubscriber;
import io.scalingsuite.gateway.cache.RedisCache;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * A write waits for the other replicas that may answer from memory, not for the clock: it is answered as soon as
 * every replica heard pinging lately has acknowledged its fence, and only a replica that stays silent makes it wait
 * the whole lease. The other replica here is played on the near-cache channel itself, as another gateway would.
 * In this order: a replica once heard is waited for during two leases, so the lone replica comes first. On Redis
 * Cluster no fence is sent and every write waits the lease.
 */
@QuarkusTest
@TestProfile(NearLeaseFenceTest.LongLease.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NearLeaseFenceTest {

    /** Long enough that a write which waited for it cannot pass for one that did not. */
    static final Duration LEASE = Duration.ofSeconds(5);
    private static final Pattern SETTLED = Pattern.compile("gateway_write_settled_total\\{by=\"(\\w+)\"[^}]*} (\\S+)");

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @Inject
    GatewayConfig config;

    @Inject
    PurgeSubscriber subscriber;

    @Inject
    Vertx vertx;

    @Inject
    RedisCache cache;

    @Inject
    GatewayMetrics metrics;

    private final String replica = UUID.randomUUID().toString();
    private PubSubCommands.RedisSubscriber listener;

    @BeforeEach
    void purgesArrive() {
        await().atMost(Duration.ofSeconds(10)).until(subscriber::subscribed);
    }

    @AfterEach
    void quiet() {
        if (listener != null) {
            listener.unsubscribe();
        }
    }

    @Test
    @Order(1)
    void shouldAnswerAWriteBeforeTheLeaseWhenNoOtherReplicaAnswersFromMemory() {
        double before = settled("confirmed");

        long nanos = write();

        assertAnsweredBeforeTheLease(nanos, before);
    }

    @Test
    @Order(2)
    void shouldAnswerAWriteOnceAnotherReplicaAcknowledgedItsFence() {
        double before = settled("confirmed");
        listener = redis.pubsub(String.class).subscribe(channel(), message -> {
            String[] parts = message.split(":");
            if (parts.length == 4 && "fence".equals(parts[2]) && !replica.equals(parts[1])) {
                publish("~lease:" + replica + ":ack:" + parts[1] + ":" + parts[3]);
            }
        });
        publishNow("~lease:" + replica + ":1"); // this replica pings: the gateway now waits for it too

        long nanos = write();

        assertAnsweredBeforeTheLease(nanos, before);
    }

    @Test
    @Order(3)
    void shouldWaitTheWholeLeaseForAReplicaThatPingsButDoesNotAcknowledge() {
        double before = settled("lease");
        publishNow("~lease:" + replica + ":1"); // answers from memory, as far as anyone can tell, and never acknowledges

        long nanos = write();

        assertTrue(nanos >= LEASE.toNanos(), "answered after " + nanos / 1_000_000 + " ms, before the lease");
        assertEquals(before + 1, settled("lease"), "released by the lease");
    }

    @Test
    @Order(4)
    void shouldPublishNoFenceAndWaitTheLeaseOnRedisCluster() {
        // on a Cluster a fence may overtake the purge it follows, so a write there must wait the lease
        NearLease onCluster = new NearLease(client, vertx, cache, metrics, config, "cluster");
        List<String> heard = new CopyOnWriteArrayList<>();
        listener = redis.pubsub(String.class).subscribe(channel(), heard::add);
        double before = settled("lease");
        long start = System.nanoTime();

        onCluster.settled().toCompletionStage().toCompletableFuture().join();

        long nanos = System.nanoTime() - start;
        String marker = "~test:" + UUID.randomUUID();
        publishNow(marker); // delivered after anything published before it
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(marker));
        assertEquals(List.of(), heard.stream().filter(m -> m.contains(":fence:")).toList(), "fences published");
        assertTrue(nanos >= LEASE.toNanos(), "settled after " + nanos / 1_000_000 + " ms, before the lease");
        assertEquals(before + 1, settled("lease"), "released by the lease");
    }

    /** One write through the gateway that purges a tag, answered 2xx: how long it took. */
    private static long write() {
        String item = ResponseCacheTest.unique("/api/catalog/item/");
        long start = System.nanoTime();
        given().header("X-API-Key", TestKeys.WRITER).body("{}").contentType("application/json").post(item).then()
                .statusCode(200).body("version", equalTo(1));
        return System.nanoTime() - start;
    }

    private static void assertAnsweredBeforeTheLease(long nanos, double confirmedBefore) {
        assertTrue(nanos < LEASE.toNanos(), "answered after " + nanos / 1_000_000 + " ms: waited the lease");
        assertEquals(confirmedBefore + 1, settled("confirmed"), "released by acknowledgements");
    }

    private String channel() {
        return config.cache().keyPrefix() + ":near-purge";
    }

    private void publish(String message) {
        client.send(Request.cmd(Command.PUBLISH).arg(channel()).arg(message));
    }

    /** Published, and so delivered to the gateway before anything the test does next. */
    private void publishNow(String message) {
        redis.pubsub(String.class).publish(channel(), message);
    }

    private static double settled(String by) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String metrics = given().baseUri("http://127.0.0.1:" + port).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher found = SETTLED.matcher(metrics);
        while (found.find()) {
            if (found.group(1).equals(by)) {
                return Double.parseDouble(found.group(2));
            }
        }
        return 0;
    }

    public static class LongLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cache.near-lease", "PT" + LEASE.toSeconds() + "S");
        }
    }
}
