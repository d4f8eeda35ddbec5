package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static io.scalingsuite.gateway.ResponseCacheTest.catalogCount;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.scalingsuite.gateway.cache.CacheKeys;
import io.scalingsuite.gateway.cache.PurgeSubscriber;
import io.scalingsuite.gateway.config.GatewayConfig;

/**
 * The near cache bounded in bytes ({@code gateway.cache.near-max-bytes}, 40,000 here) as well as in entries: of ten
 * 10,000-byte responses only what fits is kept in memory, the {@code gateway_nearcache_held_bytes} gauge never
 * passes the bound, and a response heavier than the bound is served from Redis, never from memory. What is answered
 * from memory is told apart as the near cache tests do: {@code X-Cache: HIT} once the Redis copy is gone.
 */
@QuarkusTest
@TestProfile(NearCacheBytesTest.Profile.class)
class NearCacheBytesTest {

    private static final long BOUND = 40_000;
    private static final String CC = "public, max-age=300";
    private static final Pattern HELD = Pattern.compile("(?m)^gateway_nearcache_held_bytes(?:\\{[^}]*})? (\\S+)$");

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
    void shouldAnswerFromMemoryAtMostTheByteBoundsWorth() {
        List<String> tags = readTenTwice();
        tags.forEach(this::dropFromRedis);

        int fromMemory = 0;
        for (int i = tags.size() - 1; i >= 0; i--) { // newest first: a read from memory evicts nothing
            if ("HIT".equals(read(10_000, tags.get(i)).extract().header("X-Cache"))) {
                fromMemory++;
            }
        }

        assertTrue(fromMemory >= 1, "the newest entries are answered from memory");
        assertTrue(fromMemory <= BOUND / 10_000, "answered from memory: " + fromMemory + " of 10,000 bytes each");
    }

    @Test
    void shouldNeverHoldMoreBytesThanTheBound() {
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = "nb-" + UUID.randomUUID();
            read(10_000, tag);
            held.add(heldBytes());
            read(10_000, tag);
            held.add(heldBytes());
        }

        assertTrue(held.stream().allMatch(bytes -> bytes <= BOUND), "gateway_nearcache_held_bytes: " + held);
        assertTrue(held.get(held.size() - 1) > 0, "the last response is held: " + held);
    }

    @Test
    void shouldServeAResponseHeavierThanTheBoundFromRedisNeverFromMemory() {
        String tag = "nb-" + UUID.randomUUID();
        read(50_000, tag).header("X-Cache", "MISS");
        read(50_000, tag).header("X-Cache", "HIT");
        assertEquals(1, catalogCount(path(50_000, tag)), "the hit came from Redis, not upstream");

        dropFromRedis(tag);

        read(50_000, tag).header("X-Cache", "MISS");
        assertEquals(2, catalogCount(path(50_000, tag)), "not kept in memory: fetched again");
    }

    /** Ten distinct cacheable 10,000-byte responses, each read twice; their tags, oldest first. */
    private static List<String> readTenTwice() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = "nb-" + UUID.randomUUID();
            read(10_000, tag).header("X-Cache", "MISS");
            read(10_000, tag).header("X-Cache", "HIT");
            tags.add(tag);
        }
        return tags;
    }

    /** A cacheable response of {@code bytes} bytes tagged (and named) {@code tag}. */
    private static ValidatableResponse read(int bytes, String tag) {
        return given().queryParam("cc", CC).queryParam("tags", tag).get(path(bytes, tag)).then().statusCode(200);
    }

    private static String path(int bytes, String tag) {
        return "/api/catalog/bytes/" + bytes + "/" + tag;
    }

    /** What another replica's purge does to Redis, without telling this replica's memory. */
    private void dropFromRedis(String tag) {
        Set<String> entries = redis.set(String.class).smembers(new CacheKeys(config.cache().keyPrefix()).tagSet(tag));
        assertEquals(1, entries.size(), "the entry was stored in Redis under its tag");
        redis.key().del(entries.toArray(String[]::new));
    }

    private static long heldBytes() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String metrics = given().baseUri("http://127.0.0.1:" + port).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher held = HELD.matcher(metrics);
        assertTrue(held.find(), "gateway_nearcache_held_bytes is published");
        return (long) Double.parseDouble(held.group(1));
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a TTL and lease no busy test machine outlasts: what leaves memory here is evicted, never expired
            return Map.of("gateway.cache.near-max-bytes", Long.toString(BOUND), "gateway.cache.near-ttl", "PT60S",
                    "gateway.cache.near-lease", "PT2S");
        }
    }
}
