package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.Resp;

/**
 * The views' contract, end to end and scaled out as the HPA and KEDA run it: two catalog instances (two outbox
 * relays racing over one outbox), three aggregation instances in one consumer group (a consumer name each) and two
 * clients writing at the same time, one through each catalog. After thousands of random catalog operations, once
 * the stream drains, every card and every summary equals the aggregate computed directly from catalog's tables,
 * field by field ({@link ViewDifferences}). A tenth of the operations rename, move, create and delete categories
 * ({@link CategoryOperations}) while the other client writes products into them. Then the same again while Redis
 * is SIGKILLed and restarted, an aggregation is killed twice and events are delivered twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogToViewsPropertyIT {

    private static final int OPERATIONS = 1_500;
    private static final int CLIENTS = 2;
    private static final List<String> MERCHANTS = List.of("m-a", "m-b", "m-c", "m-d", "m-e");
    /** Of every 100 operations, this many are category operations. */
    private static final int CATEGORY_PERCENT = 10;
    /** Each kind of category operation must have happened at least this often in a run. */
    private static final int AT_LEAST = 3;

    private CategoryOperations categories;
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<ServiceProcess> catalogs = new ArrayList<>();
    private final List<ServiceProcess> aggregations = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private String database;
    private String jdbcUrl;
    private SuiteRedis redis;

    /** One client: its own catalog instance, random stream and products (so its patches never race a delete). */
    private final class Client {
        final CatalogClient api;
        final Random random;
        final List<String> live = new ArrayList<>();

        Client(ServiceProcess catalog, long seed) {
            this.api = new CatalogClient(catalog.baseUrl());
            this.random = new Random(seed);
        }

        /** One random operation; one that catalog refused with a 503 (Redis killed) did not happen. */
        void operate() throws Exception {
            try {
                operateOnce();
            } catch (CatalogClient.Refused refused) {
                refusals.incrementAndGet();
            }
        }

        private void operateOnce() throws Exception {
            if (random.nextInt(100) < CATEGORY_PERCENT) {
                categories.operate(api, random);
                return;
            }
            int dice = random.nextInt(100);
            if (live.isEmpty() || dice < 35) {
                categories.using(random, category -> live.add(api.createProduct(Map.of("sku", "S-" + random.nextLong(),
                        "name", "P", "priceCents", 100 + random.nextInt(100_000), "currency", "EUR", "categoryId",
                        category, "merchantId", pick(MERCHANTS), "stock", random.nextInt(4) == 0 ? 0
                                : random.nextInt(50)))));
            } else if (dice < 60) {
                String id = pick(live);
                switch (random.nextInt(3)) {
                    case 0 -> api.patch(id, Map.of("priceCents", 100 + random.nextInt(100_000)));
                    case 1 -> api.patch(id, Map.of("stock", random.nextInt(50)));
                    default -> categories.using(random, category -> api.patch(id, Map.of("categoryId", category)));
                }
            } else if (dice < 70) {
                String id = pick(live);
                api.delete(id);
                live.remove(id);
                deleted.add(id);
            } else {
                api.review(pick(live), 1 + random.nextInt(5));
            }
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }

    @BeforeAll
    void startSuite() throws Exception {
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        // The stream must survive a Redis restart, as it would with AOF in production.
        redis = SuiteRedis.standalone();
        Map<String, String> common = new HashMap<>(redis.serviceEnv());
        common.putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", ""));
        for (int i = 1; i <= 2; i++) {
            Map<String, String> catalogEnv = new HashMap<>(common);
            catalogEnv.put("CATALOG_CACHE_KEY_PREFIX", "sys");
            catalogEnv.put("CATALOG_OUTBOX_STREAM_KEY", "sys:events");
            catalogs.add(new ServiceProcess("catalog-" + i, "catalog-service", catalogEnv));
            catalogs.get(i - 1).start();
        }
        for (int i = 1; i <= 3; i++) {
            Map<String, String> aggregationEnv = new HashMap<>(common);
            aggregationEnv.put("AGGREGATION_STREAM_KEY", "sys:events");
            aggregationEnv.put("AGGREGATION_STREAM_CLAIM_IDLE", "PT2S");
            aggregationEnv.put("AGGREGATION_STREAM_CONSUMER", "aggregation-" + i);
            aggregations.add(new ServiceProcess("aggregation-" + i, "aggregation-service", aggregationEnv));
            aggregations.get(i - 1).start();
        }
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(catalogs.get(i % catalogs.size()), 20261127 + i));
        }
        categories = new CategoryOperations(jdbcUrl, database.substring(database.length() - 6));
        categories.seed(clients.get(0).api);
    }

    @AfterAll
    void stopSuite() throws Exception {
        List<ServiceProcess> services = new ArrayList<>(aggregations);
        services.addAll(catalogs);
        ServiceProcess.closeAll(services);
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            LocalInfra.dropDatabase(database);
        }
    }

    @Test
    @Order(1)
    void shouldMatchCatalogAfterRandomOperationsOfConcurrentClients() throws Exception {
        concurrently(i -> {
        });
        assertCategoryOperationsHappened("without faults");
        assertViewsEventuallyMatchCatalog();
    }

    @Test
    @Order(2)
    void shouldMatchCatalogAfterRandomOperationsOfConcurrentClientsWithFaults() throws Exception {
        concurrently(i -> {
            switch (i) {
                case 100 -> redis.kill();
                case 175 -> redis.restart();
                case 250, 500 -> {
                    ServiceProcess aggregation = aggregations.get(i / 250);
                    aggregation.kill();
                    aggregation.start();
                }
                case 350, 600 -> redeliverNewestEvent();
                default -> {
                }
            }
        });
        assertCategoryOperationsHappened("with faults");
        assertViewsEventuallyMatchCatalog();
    }

    private interface Fault {
        void before(int operation) throws Exception;
    }

    /** Each client runs its share of the operations on a thread of its own; the first also injects the faults. */
    private void concurrently(Fault faults) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < OPERATIONS / CLIENTS; i++) {
                        if (client == clients.get(0)) {
                            faults.before(i);
                        }
                        client.operate();
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Appends a copy of the newest stream entry: the same event id, delivered a second time. */
    private void redeliverNewestEvent() throws Exception {
        String script = "local e = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1] "
                + "redis.call('XADD', KEYS[1], '*', unpack(e[2])) return 1";
        String host = redis.serviceEnv().get("QUARKUS_REDIS_HOSTS").replace("redis://", "");
        assertEquals(":1", Resp.command(host.substring(0, host.indexOf(':')),
                Integer.parseInt(host.substring(host.indexOf(':') + 1)), 2_000, "EVAL", script, "1", "sys:events"));
    }

    /** Prints how many category operations of each kind catalog answered, and fails if a kind hardly happened. */
    private void assertCategoryOperationsHappened(String run) {
        Map<CategoryOperations.Kind, Integer> counts = categories.takeCounts();
        int lostRaces = clients.stream().mapToInt(c -> c.api.lostRaces.getAndSet(0)).sum();
        System.out.println("[property] category operations " + run + ": " + counts + ", 412 retries " + lostRaces
                + ", categories live " + categories.pool.size() + ", deleted " + categories.deleted.size());
        counts.forEach((kind, count) -> assertTrue(count >= AT_LEAST, kind + " happened " + count + " times " + run
                + ", fewer than " + AT_LEAST + ": " + counts));
    }

    private void assertViewsEventuallyMatchCatalog() {
        Set<String> gone = new HashSet<>(deleted);
        gone.addAll(categories.deleted);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(
                () -> ViewDifferences.assertNone(jdbcUrl, aggregations.get(0).baseUrl(), gone, MERCHANTS));
    }
}
