package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.Embedded;
import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.Resp;

import redis.embedded.RedisServer;

/**
 * The views' contract, end to end: after thousands of random catalog operations through catalog-service's API,
 * once the stream drains, every view equals the aggregate computed directly from catalog's tables. Then the
 * same again while Redis restarts, aggregation-service is killed twice and events are delivered twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogToViewsPropertyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OPERATIONS = 1_500;
    private static final List<String> MERCHANTS = List.of("m-a", "m-b", "m-c", "m-d", "m-e");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(20261127);
    private final List<String> categories = new ArrayList<>();
    private final List<String> live = new ArrayList<>();
    private final Set<String> deleted = new HashSet<>();
    private String database;
    private String jdbcUrl;
    private RedisServer redis;
    private int redisPort;
    private ServiceProcess catalog;
    private ServiceProcess aggregation;
    private CatalogClient client;

    @BeforeAll
    void startSuite() throws Exception {
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        redisPort = Embedded.freePort();
        Path redisDir = Files.createTempDirectory("system-redis");
        // The stream must survive a Redis restart, as it would with AOF in production.
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly yes").setting("appendfsync always").setting("dir " + redisDir).build();
        redis.start();
        Map<String, String> common = Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", "", "QUARKUS_REDIS_HOSTS",
                "redis://127.0.0.1:" + redisPort);
        Map<String, String> catalogEnv = new HashMap<>(common);
        catalogEnv.put("CATALOG_CACHE_KEY_PREFIX", "sys");
        catalogEnv.put("CATALOG_OUTBOX_STREAM_KEY", "sys:events");
        catalog = new ServiceProcess("catalog", "catalog-service", catalogEnv);
        catalog.start();
        Map<String, String> aggregationEnv = new HashMap<>(common);
        aggregationEnv.put("AGGREGATION_STREAM_KEY", "sys:events");
        aggregationEnv.put("AGGREGATION_STREAM_CLAIM_IDLE", "PT2S");
        aggregation = new ServiceProcess("aggregation", "aggregation-service", aggregationEnv);
        aggregation.start();
        client = new CatalogClient(catalog.baseUrl());
        for (int i = 0; i < 15; i++) {
            String parent = i < 3 ? null : categories.get(i < 9 ? (i - 3) % 3 : 3 + (i - 9));
            categories.add(client.createCategory("cat-" + i + "-" + database.substring(database.length() - 6),
                    parent));
        }
    }

    @AfterAll
    void stopSuite() throws Exception {
        for (AutoCloseable service : new AutoCloseable[] { aggregation, catalog }) {
            if (service != null) {
                service.close();
            }
        }
        if (redis != null) {
            redis.stop();
        }
        if (database != null) {
            LocalInfra.dropDatabase(database);
        }
    }

    @Test
    @Order(1)
    void shouldMatchCatalogAfterRandomOperations() throws Exception {
        for (int i = 0; i < OPERATIONS; i++) {
            operate();
        }
        assertViewsEventuallyMatchCatalog();
    }

    @Test
    @Order(2)
    void shouldMatchCatalogAfterRandomOperationsWithFaults() throws Exception {
        for (int i = 0; i < OPERATIONS; i++) {
            switch (i) {
                case 200 -> redis.stop();
                case 350 -> redis.start();
                case 500, 1000 -> {
                    aggregation.kill();
                    aggregation.start();
                }
                case 700, 1200 -> redeliverNewestEvent();
                default -> {
                }
            }
            operate();
        }
        assertViewsEventuallyMatchCatalog();
    }

    private void operate() throws Exception {
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 35) {
            Map<String, Object> product = Map.of("sku", "S-" + random.nextLong(), "name", "P", "priceCents",
                    100 + random.nextInt(100_000), "currency", "EUR", "categoryId", pick(categories), "merchantId",
                    pick(MERCHANTS), "stock", random.nextInt(4) == 0 ? 0 : random.nextInt(50));
            live.add(client.createProduct(product));
        } else if (dice < 60) {
            Map<String, Object> change = switch (random.nextInt(3)) {
                case 0 -> Map.of("priceCents", 100 + random.nextInt(100_000));
                case 1 -> Map.of("stock", random.nextInt(50));
                default -> Map.of("categoryId", pick(categories));
            };
            client.patch(pick(live), change);
        } else if (dice < 70) {
            String id = live.remove(random.nextInt(live.size()));
            client.delete(id);
            deleted.add(id);
        } else {
            client.review(pick(live), 1 + random.nextInt(5));
        }
    }

    /** Appends a copy of the newest stream entry: the same event id, delivered a second time. */
    private void redeliverNewestEvent() throws Exception {
        String script = "local e = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1] "
                + "redis.call('XADD', KEYS[1], '*', unpack(e[2])) return 1";
        assertEquals(":1", Resp.command("127.0.0.1", redisPort, 2_000, "EVAL", script, "1", "sys:events"));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void assertViewsEventuallyMatchCatalog() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ExpectedViews expected = new ExpectedViews(jdbcUrl, LocalInfra.PG_USER);
            for (ExpectedViews.Product p : expected.products.values()) {
                assertProductCard(p);
            }
            for (String id : deleted) {
                assertEquals(404, get("/api/views/products/" + id).statusCode(), "deleted product " + id);
            }
            for (String category : categories) {
                assertCategorySummary(category, expected);
            }
            for (String merchant : MERCHANTS) {
                assertMerchantSummary(merchant, expected);
            }
        });
    }

    private void assertProductCard(ExpectedViews.Product p) throws Exception {
        JsonNode card = view("/api/views/products/" + p.id());
        assertEquals(p.priceCents(), card.get("priceCents").asLong(), p.id());
        assertEquals(p.stock(), card.get("stock").asInt(), p.id());
        assertEquals(p.categoryId(), card.get("category").get("id").asText(), p.id());
        assertEquals(p.reviews(), card.get("rating").get("count").asLong(), p.id());
        assertDecimal(p.average(), card.get("rating").get("average"), p.id());
        assertEquals(p.recentReviewIds(), ids(card.get("recentReviews")), p.id());
    }

    private void assertCategorySummary(String category, ExpectedViews expected) throws Exception {
        List<ExpectedViews.Product> in = expected.in(expected.subtree(category));
        JsonNode summary = view("/api/views/categories/" + category + "/summary");
        long sum = in.stream().mapToLong(ExpectedViews.Product::priceCents).sum();
        assertEquals(in.size(), summary.get("productCount").asLong(), category);
        assertEquals(in.stream().filter(p -> p.stock() > 0).count(), summary.get("inStockCount").asLong(), category);
        assertEquals(in.isEmpty() ? null : Math.round((double) sum / in.size()),
                summary.get("avgPriceCents").isNull() ? null : summary.get("avgPriceCents").asLong(), category);
        assertEquals(in.stream().mapToLong(ExpectedViews.Product::priceCents).min().orElse(-1),
                summary.get("minPriceCents").isNull() ? -1 : summary.get("minPriceCents").asLong(), category);
        assertEquals(in.stream().mapToLong(ExpectedViews.Product::priceCents).max().orElse(-1),
                summary.get("maxPriceCents").isNull() ? -1 : summary.get("maxPriceCents").asLong(), category);
        long reviews = in.stream().mapToLong(ExpectedViews.Product::reviews).sum();
        assertEquals(reviews, summary.get("reviewCount").asLong(), category);
        assertDecimal(ExpectedViews.average(in.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(), reviews),
                summary.get("avgRating"), category);
        assertEquals(ExpectedViews.top(in), ids(summary.get("topProducts")), category);
    }

    private void assertMerchantSummary(String merchant, ExpectedViews expected) throws Exception {
        List<ExpectedViews.Product> of = expected.products.values().stream()
                .filter(p -> p.merchantId().equals(merchant)).toList();
        JsonNode summary = view("/api/views/merchants/" + merchant + "/summary");
        assertEquals(of.size(), summary.get("productCount").asLong(), merchant);
        assertEquals(of.stream().mapToLong(p -> p.priceCents() * p.stock()).sum(),
                summary.get("stockValueCents").asLong(), merchant);
        assertDecimal(ExpectedViews.average(of.stream().mapToLong(ExpectedViews.Product::ratingSum).sum(),
                of.stream().mapToLong(ExpectedViews.Product::reviews).sum()), summary.get("avgRating"), merchant);
        Map<String, Long> counts = new HashMap<>();
        of.forEach(p -> counts.merge(p.categoryId(), 1L, Long::sum));
        Map<String, Long> actual = new HashMap<>();
        summary.get("categoryCounts").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
        assertEquals(counts, actual, merchant);
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual, String what) {
        if (expected == null) {
            assertEquals(true, actual == null || actual.isNull(), what + ": expected no average, got " + actual);
        } else {
            assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": " + expected + " vs " + actual);
        }
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).toList();
    }

    private JsonNode view(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(aggregation.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
