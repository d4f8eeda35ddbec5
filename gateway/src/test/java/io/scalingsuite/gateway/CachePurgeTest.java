package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static io.scalingsuite.gateway.ResponseCacheTest.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Tag purging after writes through the gateway and after purges published by services; stale-if-error. */
@QuarkusTest
class CachePurgeTest {

    private static final String CC = "public, max-age=300";

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "gateway.cache.purge-channel")
    String purgeChannel;

    @Test
    void shouldServeFreshDataAfterAWriteThroughTheGateway() {
        String item = unique("/api/catalog/item/");
        given().queryParam("cc", CC).get(item).then().body("version", equalTo(0)).header("X-Cache", "MISS");
        given().queryParam("cc", CC).get(item).then().body("version", equalTo(0)).header("X-Cache", "HIT");

        given().header("X-API-Key", TestKeys.WRITER).body("{}").contentType("application/json").post(item).then()
                .statusCode(200).header("Cache-Tag", nullValue()).body("version", equalTo(1));

        given().queryParam("cc", CC).get(item).then().body("version", equalTo(1)).header("X-Cache", "MISS");
    }

    @Test
    void shouldPurgeTagsPublishedByAService() {
        String item = unique("/api/catalog/item/");
        String id = item.substring(item.lastIndexOf('/') + 1);
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS");
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "HIT");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            redis.pubsub(String.class).publish(purgeChannel, "other:1, item:" + id);
            given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS");
        });
    }

    @Test
    void shouldServeStaleWhenTheUpstreamIsDown() {
        String path = unique("/api/stale/echo/");
        String cc = "public, max-age=1, stale-if-error=60";
        primeStale(path, cc);
        Upstreams.down("stale");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> given().queryParam("cc", cc).get(path).then().statusCode(200)
                            .header("X-Cache", "STALE")
                            .body("upstream", equalTo("stale")));
        } finally {
            Upstreams.up("stale");
        }
    }

    @Test
    void shouldServeStaleWhenTheUpstreamAnswers5xx() {
        String path = unique("/api/stale/echo/");
        String cc = "public, max-age=1, stale-if-error=60";
        primeStale(path, cc);
        Upstreams.fail("stale");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                    () -> given().queryParam("cc", cc).get(path).then().statusCode(200).header("X-Cache", "STALE"));
        } finally {
            Upstreams.heal("stale");
        }
    }

    @Test
    void shouldNotServeEntriesPastTheirStaleWindow() {
        String path = unique("/api/stale/echo/");
        primeStale(path, "public, max-age=1");
        Upstreams.fail("stale");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                    () -> given().queryParam("cc", "public, max-age=1").get(path).then().statusCode(503));
        } finally {
            Upstreams.heal("stale");
        }
    }

    /** Stores an entry through the "stale" route, whose circuit an earlier test may have left open briefly. */
    private static void primeStale(String path, String cc) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> given().queryParam("cc", cc).get(path).then().statusCode(200).header("X-Cache", "MISS"));
    }
}
