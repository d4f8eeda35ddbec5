package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.RedisNode;
import io.scalingsuite.devinfra.Resp;

/**
 * The views survive Redis losing the stream, with no persistence and no manual rebuild: writes under load while
 * aggregation is frozen (so the stream holds events it has not applied), then Redis SIGKILLed and started again
 * empty; then the same with the stream key deleted. Each time every card and summary equals catalog's own
 * aggregate within 5 s of Redis answering again (catalog publishes again what the stream lost).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamLossIT {

    private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(5);
    private static final List<String> MERCHANTS = List.of("m-a", "m-b", "m-c");
    private static final String STREAM = "sys:events";

    private final Random random = new Random(20261202);
    private final List<String> categories = new ArrayList<>();
    private final List<String> live = new ArrayList<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final AtomicInteger operations = new AtomicInteger();
    private String database;
    private RedisNode redis;
    private ServiceProcess catalog;
    private ServiceProcess aggregation;
    private CatalogClient client;
    private String jdbcUrl;

    @BeforeAll
    void startSuite() throws Exception {
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        redis = RedisNode.start(); // persists nothing: a restart comes back empty
        Map<String, String> common = Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", "", "QUARKUS_REDIS_HOSTS", redis.uri());
        Map<String, String> catalogEnv = new HashMap<>(common);
        catalogEnv.put("CATALOG_CACHE_KEY_PREFIX", "sys");
        catalogEnv.put("CATALOG_OUTBOX_STREAM_KEY", STREAM);
        catalog = new ServiceProcess("catalog", "catalog-service", catalogEnv);
        catalog.start();
        Map<String, String> aggregationEnv = new HashMap<>(common);
        aggregationEnv.put("AGGREGATION_STREAM_KEY", STREAM);
        aggregationEnv.put("AGGREGATION_STREAM_CLAIM_IDLE", "PT2S");
        aggregation = new ServiceProcess("aggregation", "aggregation-service", aggregationEnv);
        aggregation.start();
        client = new CatalogClient(catalog.baseUrl());
        for (int i = 0; i < 6; i++) {
            categories.add(client.createCategory("loss-" + i + "-" + database.substring(database.length() - 6),
                    i < 3 ? null : categories.get(i - 3)));
        }
    }

    @AfterAll
    void stopSuite() throws Exception {
        ServiceProcess.closeAll(Arrays.asList(aggregation, catalog));
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            LocalInfra.dropDatabase(database);
        }
    }

    @Test
    void shouldMatchCatalogWithin5sOfRedisAnsweringAfterACrashWithoutPersistenceAndADeletedStream() throws Exception {
        try (Load load = new Load()) {
            progress(40);
            signal(aggregation, "STOP"); // the stream now holds events the views have not applied
            progress(30);
            redis.kill();
            progress(10); // writes while Redis is gone wait in catalog's outbox
            redis.launch();
            Instant answering = Instant.now();
            signal(aggregation, "CONT");
            load.close();
            assertViewsConverge("Redis SIGKILLed and restarted empty", answering);
        }
        try (Load load = new Load()) {
            progress(30);
            signal(aggregation, "STOP");
            progress(30);
            Resp.command("127.0.0.1", redis.port(), 2_000, "DEL", STREAM);
            progress(10);
            signal(aggregation, "CONT");
            load.close();
            assertViewsConverge("stream deleted", Instant.now());
        }
    }

    private void assertViewsConverge(String fault, Instant since) {
        await().atMost(CONVERGED_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> ViewDifferences.assertNone(jdbcUrl, aggregation.baseUrl(), created, MERCHANTS));
        System.out.printf("StreamLossIT: %s: every view equals catalog %d ms after Redis answered (%d products)%n",
                fault, Duration.between(since, Instant.now()).toMillis(), created.size());
    }

    /** Waits until the load attempted {@code count} more operations (successful or not). */
    private void progress(int count) {
        int target = operations.get() + count;
        await().atMost(Duration.ofSeconds(60)).until(() -> operations.get() >= target);
    }

    private static void signal(ServiceProcess process, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    /** One writer on a thread of its own: creates, patches, deletes, reviews; a failed request is just counted. */
    private final class Load implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "stream-loss-load");

        Load() {
            thread.start();
        }

        private void run() {
            while (running.get()) {
                try {
                    operate();
                } catch (Exception | AssertionError e) {
                    // catalog's answer during a Redis fault is not under test here; the views are
                }
                operations.incrementAndGet();
            }
        }

        private void operate() throws Exception {
            int dice = random.nextInt(100);
            if (live.size() < 5 || dice < 35) {
                Map<String, Object> product = Map.of("sku", "L-" + random.nextLong(), "name", "P", "priceCents",
                        100 + random.nextInt(100_000), "currency", "EUR", "categoryId", pick(categories),
                        "merchantId", pick(MERCHANTS), "stock", random.nextInt(50));
                String id = client.createProduct(product);
                created.add(id);
                live.add(id);
            } else if (dice < 65) {
                client.patch(pick(live), random.nextBoolean() ? Map.of("priceCents", 100 + random.nextInt(100_000))
                        : Map.of("stock", random.nextInt(50), "categoryId", pick(categories)));
            } else if (dice < 75) {
                client.delete(live.remove(random.nextInt(live.size())));
            } else {
                client.review(pick(live), 1 + random.nextInt(5));
            }
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
