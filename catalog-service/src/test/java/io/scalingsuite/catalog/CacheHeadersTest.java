package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;

/** The headers that let the gateway cache catalog's reads and purge them on writes. */
@QuarkusTest
class CacheHeadersTest {

    private static final String PRODUCTS = "/api/catalog/products";
    private static final String CACHEABLE = "public, max-age=60, stale-if-error=300";

    @Inject
    RedisDataSource redis;

    /** This run's own channel (application.properties' %test profile), so a hard-coded one would be missed. */
    @ConfigProperty(name = "catalog.cache.purge-channel")
    String purgeChannel;

    @Test
    void shouldMarkProductReadsCacheableWithTheirTag() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        given().get(PRODUCTS + "/" + id).then()
                .header("Cache-Control", equalTo(CACHEABLE))
                .header("Cache-Tag", equalTo("product:" + id));
        given().header("If-None-Match", "\"0\"").get(PRODUCTS + "/" + id).then()
                .statusCode(304)
                .header("Cache-Control", equalTo(CACHEABLE));
        given().queryParam("merchantId", "acme").get(PRODUCTS).then()
                .header("Cache-Control", equalTo(CACHEABLE))
                .header("Cache-Tag", equalTo("products"));
    }

    @Test
    void shouldNeverLetCachesKeepErrors() {
        given().get(PRODUCTS + "/0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10").then()
                .statusCode(404)
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void shouldTagWritesWithEverythingTheyTouch() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 2}")
                .patch(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("Cache-Tag", equalTo("product:" + id + ",products,reviews:" + id));
    }

    @Test
    void shouldPublishPurgeAfterCommit() {
        List<String> purges = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(purgeChannel, purges::add);
        try {
            String id = Fixtures.createProduct(Fixtures.category(), "acme");

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> purges.contains("product:" + id + ",products,reviews:" + id));
            given().contentType("application/json").body("{\"rating\": 4}").post(PRODUCTS + "/" + id + "/reviews")
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(5)).until(() -> purges.contains("reviews:" + id));
        } finally {
            subscriber.unsubscribe();
        }
    }
}
