package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.catalog.cache.CacheKey;
import io.scalingsuite.catalog.cache.ProductCacheKeys;
import io.scalingsuite.catalog.cache.ReadThroughCache;
import io.scalingsuite.catalog.cache.WriteMarks;
import io.smallrye.mutiny.subscription.Cancellable;

@QuarkusTest
class ProductCacheTest {

    private static final String PRODUCTS = "/api/catalog/products/";

    @Inject
    MeterRegistry registry;

    @Inject
    ReadThroughCache cache;

    @Inject
    ProductCacheKeys keys;

    @Inject
    WriteMarks marks;

    @Test
    void shouldServeRepeatedReadFromRedisWithoutDatabase() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get(PRODUCTS + id).then().statusCode(200);
        long loads = Metrics.loads(registry, "product");
        double hits = Metrics.gets(registry, "product", "hit");

        given().get(PRODUCTS + id).then().statusCode(200).body("id", equalTo(id)).header("ETag", equalTo("\"0\""));

        assertEquals(loads, Metrics.loads(registry, "product"), "a hit must not load from PostgreSQL");
        assertEquals(hits + 1, Metrics.gets(registry, "product", "hit"));
    }

    @Test
    void shouldSayWhetherTheDatabaseOrTheCacheServedARead() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get(PRODUCTS + id).then().statusCode(200).header("X-Served-By", equalTo("primary"));
        given().get(PRODUCTS + id).then().statusCode(200).header("X-Served-By", equalTo("cache"));
        String listing = "/api/catalog/products?merchantId=acme&limit=1";
        given().get(listing).then().statusCode(200).header("X-Served-By", equalTo("primary"));
        given().get(listing).then().statusCode(200).header("X-Served-By", equalTo("cache"));
    }

    @Test
    void shouldShowWriteOnNextRead() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get(PRODUCTS + id).then().body("stock", equalTo(7));

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 3}")
                .patch(PRODUCTS + id).then().statusCode(200);

        given().get(PRODUCTS + id).then().body("stock", equalTo(3)).header("ETag", equalTo("\"1\""));
    }

    @Test
    void shouldLoadColdKeyOnceForFiftyConcurrentReaders() throws Exception {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        long before = Metrics.loads(registry, "product");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().get(PRODUCTS + id).then().body("id", equalTo(id)).extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(before + 1, Metrics.loads(registry, "product"), "one database load for 50 cold reads");
    }

    @Test
    void shouldAnswerAReaderSharingALoadWhenTheReaderThatStartedItLeaves() throws Exception {
        CacheKey key = keys.product(UUID.randomUUID());
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Cancellable leaver = cache.get(key, Duration.ofMinutes(1), () -> {
            loading.countDown();
            awaitQuietly(release);
            return "loaded";
        }).subscribe().with(value -> {}, failure -> {});
        assertTrue(loading.await(10, TimeUnit.SECONDS), "the load never started");
        CompletableFuture<String> sharer = cache.get(key, Duration.ofMinutes(1), () -> "a second load")
                .subscribeAsCompletionStage();

        leaver.cancel(); // its client's connection closed, as a gateway's losing hedge is reset
        release.countDown();

        assertEquals("loaded", sharer.get(10, TimeUnit.SECONDS), "the load it shared");
    }

    @Test
    void shouldNotServeValueLoadedWhileAWriteCommitted() {
        UUID id = UUID.randomUUID();
        CacheKey key = keys.product(id);

        String first = cache.get(key, Duration.ofMinutes(1), () -> {
            // A write commits while this load is still reading the old row.
            marks.clear(keys.generationsTouchedBy(id), marks.mark(keys.generationsTouchedBy(id)));
            return "old";
        }).await().atMost(Duration.ofSeconds(5));
        String second = cache.get(key, Duration.ofMinutes(1), () -> "new").await().atMost(Duration.ofSeconds(5));

        assertEquals("old", first);
        assertEquals("new", second, "the value loaded before the write must be unreachable");
    }

    @Test
    void shouldNeitherServeNorFillWhileAWriteMarkIsOn() {
        UUID id = UUID.randomUUID();
        CacheKey key = keys.product(id);
        cache.get(key, Duration.ofMinutes(1), () -> "old").await().atMost(Duration.ofSeconds(5));

        String mark = marks.mark(keys.generationsTouchedBy(id)); // a write between its mark and its commit
        String during = cache.get(key, Duration.ofMinutes(1), () -> "database").await().atMost(Duration.ofSeconds(5));
        String again = cache.get(key, Duration.ofMinutes(1), () -> "database again").await()
                .atMost(Duration.ofSeconds(5));
        marks.clear(keys.generationsTouchedBy(id), mark);
        String after = cache.get(key, Duration.ofMinutes(1), () -> "new").await().atMost(Duration.ofSeconds(5));

        assertEquals("database", during, "the entry cached before the write must not be served");
        assertEquals("database again", again, "nothing may be stored while the write is not committed");
        assertEquals("new", after);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
