package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static io.scalingsuite.gateway.ResponseCacheTest.catalogCount;
import static io.scalingsuite.gateway.ResponseCacheTest.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.gateway.cache.CacheKeys;
import io.scalingsuite.gateway.cache.PurgeSubscriber;
import io.scalingsuite.gateway.config.GatewayConfig;

/**
 * The in-memory near cache in front of Redis: hot entries are answered without Redis, and forgotten on every
 * kind of purge (a write through this replica, a service's purge message, another replica's purge).
 */
@QuarkusTest
class NearCacheTest {

    private static final String CC = "public, max-age=300";

    @Inject
    RedisDataSource redis;

    @Inject
    GatewayConfig config;

    @Inject
    PurgeSubscriber subscriber;

    @BeforeEach
    void purgesArrive() {
        await().atMost(Duration.ofSeconds(10)).until(subscriber::subscribed);
    }

    @Test
    void shouldAnswerAHotEntryFromMemoryOnceRedisNoLongerHasIt() {
        String item = unique("/api/catalog/item/");
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS");
        dropFromRedis(item);

        given().queryParam("cc", CC).get(item).then().statusCode(200).header("X-Cache", "HIT")
                .body("version", equalTo(0));
        assertEquals(1, catalogCount(item), "answered from this replica's memory, not upstream");
    }

    @Test
    void shouldForgetAnEntryAnotherReplicaPurged() {
        String item = unique("/api/catalog/item/");
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS");
        dropFromRedis(item);

        redis.pubsub(String.class).publish(config.cache().keyPrefix() + ":near-purge", "other:1,item:" + id(item));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS"));
    }

    @Test
    void shouldForgetAnEntryOnAWriteBeforeAnsweringIt() {
        String item = unique("/api/catalog/item/");
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS");
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "HIT").body("version", equalTo(0));

        given().header("X-API-Key", TestKeys.WRITER).body("{}").contentType("application/json").post(item).then()
                .statusCode(200).body("version", equalTo(1));

        given().queryParam("cc", CC).get(item).then().header("X-Cache", "MISS").body("version", equalTo(1));
        given().queryParam("cc", CC).get(item).then().header("X-Cache", "HIT").body("version", equalTo(1));
    }

    /** What another replica's purge does to Redis, without telling this replica's memory. */
    private void dropFromRedis(String item) {
        String tagSet = new CacheKeys(config.cache().keyPrefix()).tagSet("item:" + id(item));
        Set<String> entries = redis.set(String.class).smembers(tagSet);
        assertEquals(1, entries.size(), "the entry was stored in Redis under its tag");
        redis.key().del(entries.toArray(String[]::new));
    }

    private static String id(String item) {
        return item.substring(item.lastIndexOf('/') + 1);
    }
}
