package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;

import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.RedisClusterSet;
import io.scalingsuite.devinfra.RedisNode;
import io.scalingsuite.devinfra.RedisSentinelSet;
import io.scalingsuite.devinfra.RespCall;

/**
 * Gateway, catalog and aggregation on each Redis deployment the chart offers, on real redis-server processes:
 * standalone with a password, Sentinel with a password (through a failover under writes) and Cluster. In each, the
 * gateway's cache hits and is purged by a write that bypassed it (the purge subscription works), the change stream
 * reaches the views, and rate limits are counted in Redis. One boot of the suite per mode.
 */
class RedisModesIT {

    private static final String PASSWORD = "modes-s3cret";
    private static final String RATE_KEYS = "gateway:rl:*";

    @Test
    void shouldWorkOnAStandaloneRedisWithAPassword() throws Exception {
        try (RedisNode redis = RedisNode.start("requirepass " + PASSWORD);
                RedisModeSuite suite = new RedisModeSuite("standalone", Map.of("QUARKUS_REDIS_HOSTS", redis.uri(),
                        "QUARKUS_REDIS_PASSWORD", PASSWORD))) {
            assertEverythingWorks(suite, "standalone", pattern -> keys(redis.port(), pattern));
        }
    }

    @Test
    void shouldWorkOnSentinelWithAPasswordAndThroughAFailoverUnderWrites() throws Exception {
        try (RedisSentinelSet redis = RedisSentinelSet.start(PASSWORD);
                RedisModeSuite suite = new RedisModeSuite("sentinel", Map.of("QUARKUS_REDIS_HOSTS",
                        redis.sentinelUris(), "QUARKUS_REDIS_CLIENT_TYPE", "sentinel", "QUARKUS_REDIS_MASTER_NAME",
                        RedisSentinelSet.MASTER_NAME, "QUARKUS_REDIS_PASSWORD", PASSWORD))) {
            assertEverythingWorks(suite, "sentinel", pattern -> keys(redis.master().port(), pattern));

            int written = writeWhile(suite, () -> {
                RedisNode old = redis.master();
                old.kill();
                redis.awaitNewMaster(old);
            });

            assertTrue(written > 0, "the load wrote during the failover");
            // Each service's Redis client finds the new master on its own (it asks the Sentinels again at most once
            // a second), the gateway's maybe after catalog's: a write through it until then answers 503
            // write-not-confirmed, by design. Its purge subscription back on the new master says it has found it.
            long failedOver = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(suite::purgesArrive);
            System.out.printf("[redis-modes] the gateway was back on the new master %d ms after catalog's writes%n",
                    (System.nanoTime() - failedOver) / 1_000_000);
            assertCachedThenPurgedByAWriteElsewhere(suite, suite.createProduct("after-failover"));
            long since = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertViewsEqualCatalog(suite));
            System.out.printf("[redis-modes] views equal the catalog %d ms after the checks began (%d writes)%n",
                    (System.nanoTime() - since) / 1_000_000, written);
        }
    }

    @Test
    void shouldWorkOnARedisCluster() throws Exception {
        try (RedisClusterSet redis = RedisClusterSet.start(PASSWORD);
                RedisModeSuite suite = new RedisModeSuite("cluster", Map.of("QUARKUS_REDIS_HOSTS", redis.uris(),
                        "QUARKUS_REDIS_CLIENT_TYPE", "cluster", "QUARKUS_REDIS_PASSWORD", PASSWORD))) {
            assertEverythingWorks(suite, "cluster",
                    pattern -> redis.nodes().stream().limit(3).mapToLong(node -> keys(node.port(), pattern)).sum());
            assertTheGatewaysPurgeReachesANodeWithoutItsCache(suite, redis);
        }
    }

    /**
     * The purge script runs on the master of the {@code {cache}} slot; its PUBLISH to the other replicas' near caches
     * must reach a subscriber on any other node, where another gateway replica may be subscribed.
     */
    private void assertTheGatewaysPurgeReachesANodeWithoutItsCache(RedisModeSuite suite, RedisClusterSet redis)
            throws Exception {
        RedisNode cacheOwner = redis.masterOf("gateway:{cache}:purge-seq");
        // another master: neither the owner nor its replica, which gets the owner's messages by replication
        RedisNode elsewhere = redis.nodes().subList(0, 3).stream().filter(node -> node.port() != cacheOwner.port())
                .findFirst().orElseThrow();
        String product = suite.createProduct("near");
        String path = "/api/catalog/products/" + product;
        try (java.net.Socket subscriber = new java.net.Socket(LocalInfra.HOST, elsewhere.port())) {
            subscriber.setSoTimeout(10_000);
            var out = subscriber.getOutputStream();
            out.write(("AUTH " + PASSWORD + "\r\nSUBSCRIBE gateway:near-purge\r\n").getBytes());
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(subscriber.getInputStream()));
            while (!in.readLine().equals(":1")) {
                // +OK, then the subscription's confirmation ending in the channel count
            }
            String etag = header(suite.send("GET", path, null, RedisModeSuite.DEV_KEY), "ETag");
            assertEquals(200, suite.gatewayPatch(path, "{\"stock\": 3}", etag).statusCode());
            String line;
            do {
                line = in.readLine(); // a SocketTimeoutException fails the test
            } while (!line.contains("product:" + product));
        }
    }

    private void assertEverythingWorks(RedisModeSuite suite, String mode, ToLongFunction<String> keysMatching)
            throws Exception {
        String product = suite.createProduct(mode);
        assertCachedThenPurgedByAWriteElsewhere(suite, product);
        assertPurgedByAWriteThroughTheGateway(suite, product);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> card = suite.send("GET", "/api/views/products/" + product, null,
                    RedisModeSuite.DEV_KEY);
            assertEquals(200, card.statusCode(), card.body());
            assertEquals(8, RedisModeSuite.json(card).get("stock").asInt(), "the change stream reached the views");
        });
        assertRateLimitedInRedis(suite, keysMatching);
    }

    /** A cached GET hits the second time; a PATCH straight to catalog purges it (Redis and near cache). */
    private void assertCachedThenPurgedByAWriteElsewhere(RedisModeSuite suite, String product) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(suite::purgesArrive);
        String path = "/api/catalog/products/" + product;
        assertEquals("MISS", header(suite.send("GET", path, null, RedisModeSuite.DEV_KEY), "X-Cache"));
        assertEquals("HIT", header(suite.send("GET", path, null, RedisModeSuite.DEV_KEY), "X-Cache"));
        assertEquals("HIT", header(suite.send("GET", path, null, RedisModeSuite.DEV_KEY), "X-Cache"));

        new CatalogClient(suite.catalog.baseUrl()).patch(product, Map.of("stock", 7));

        // max-age is 60 s: only the purge message can make the gateway answer the new stock this soon
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertEquals(
                7, RedisModeSuite.json(suite.send("GET", path, null, RedisModeSuite.DEV_KEY)).get("stock").asInt(),
                "the purge published by catalog reached the gateway"));
    }

    /** A PATCH through the gateway runs its purge script: the next GET is fresh at once. */
    private void assertPurgedByAWriteThroughTheGateway(RedisModeSuite suite, String product) throws Exception {
        String path = "/api/catalog/products/" + product;
        suite.send("GET", path, null, RedisModeSuite.DEV_KEY);
        String etag = header(suite.send("GET", path, null, RedisModeSuite.DEV_KEY), "ETag");
        HttpResponse<String> patched = suite.gatewayPatch(path, "{\"stock\": 8}", etag);
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(8, RedisModeSuite.json(suite.send("GET", path, null, RedisModeSuite.DEV_KEY)).get("stock")
                .asInt(), "the gateway's purge dropped the cached entry");
    }

    private void assertRateLimitedInRedis(RedisModeSuite suite, ToLongFunction<String> keysMatching)
            throws Exception {
        int served = 0;
        int refused = 0;
        for (int i = 0; i < 2 * RedisModeSuite.ANONYMOUS_LIMIT; i++) {
            HttpResponse<String> answer = suite.send("GET", "/api/catalog/categories?limit=1", null, null);
            if (answer.statusCode() == 429) {
                refused++;
            } else {
                assertEquals(200, answer.statusCode(), answer.body());
                served++;
            }
        }
        // the budget refills while a slow machine sends: at least the limit is served, and some are refused
        assertTrue(served >= RedisModeSuite.ANONYMOUS_LIMIT && refused > 0,
                served + " served, " + refused + " refused");
        assertTrue(keysMatching.applyAsLong(RATE_KEYS) > 0, "the limit was counted in Redis, not per replica");
    }

    /** Creates and patches products straight on catalog while {@code fault} runs, and 2 s after; returns writes. */
    private int writeWhile(RedisModeSuite suite, Runnable fault) throws Exception {
        CatalogClient catalog = new CatalogClient(suite.catalog.baseUrl());
        String category = catalog.createCategory("failover-" + System.nanoTime(), null);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread load = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                try {
                    String id = catalog.createProduct(Map.of("sku", "FO-" + System.nanoTime(), "name", "F",
                            "priceCents", 100 + i, "currency", "EUR", "categoryId", category, "merchantId", "acme",
                            "stock", i % 5));
                    catalog.patch(id, Map.of("priceCents", 200 + i));
                    written.addAndGet(2);
                } catch (Exception | AssertionError e) {
                    // a write refused during the failover is the client's to retry; only acknowledged ones count
                }
            }
        }, "failover-load");
        load.start();
        // The fault comes once writes are being acknowledged, and the load stops once writes are acknowledged
        // again after it: both ends are states the load reports, not durations.
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> written.get() >= 20);
            fault.run();
            int afterFault = written.get();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> written.get() >= afterFault + 20);
        } finally {
            running.set(false);
            load.join();
        }
        return written.get();
    }

    private static void assertViewsEqualCatalog(RedisModeSuite suite) throws Exception {
        ExpectedViews expected = new ExpectedViews(suite.jdbcUrl, LocalInfra.PG_USER);
        for (ExpectedViews.Product product : expected.products.values()) {
            HttpResponse<String> card = suite.send("GET", "/api/views/products/" + product.id(), null,
                    RedisModeSuite.DEV_KEY);
            assertEquals(200, card.statusCode(), product.id() + ": " + card.body());
            assertEquals(product.priceCents(), RedisModeSuite.json(card).get("priceCents").asLong(), product.id());
            assertEquals(product.stock(), RedisModeSuite.json(card).get("stock").asInt(), product.id());
        }
    }

    private static long keys(int port, String pattern) {
        try {
            return ((List<?>) RespCall.call(port, PASSWORD, "KEYS", pattern)).size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<String> answer, String name) {
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.headers().firstValue(name).orElse("");
    }
}
