package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The shared Redis cache: what is stored, under which key, how it is answered, and coalescing of misses. */
@QuarkusTest
class ResponseCacheTest {

    private static final String PUBLIC_60 = "public, max-age=60";

    @Test
    void shouldMissThenHitWithAgeWhenUpstreamAllowsPublicCaching() {
        String path = unique("/api/catalog/echo/");
        cached(PUBLIC_60).get(path).then().statusCode(200).header("X-Cache", "MISS").header("Age", "0");
        cached(PUBLIC_60).get(path).then().statusCode(200).header("X-Cache", "HIT")
                .header("Age", matchesPattern("\\d+"))
                .header("Cache-Control", PUBLIC_60)
                .body("uri", startsWith(path + "?cc="));
        assertEquals(1, catalogCount(path), "the hit never reached the upstream");
    }

    @Test
    void shouldPreferSharedMaxAge() {
        String path = unique("/api/catalog/echo/");
        cached("public, max-age=0, s-maxage=60").get(path).then().header("X-Cache", "MISS");
        cached("public, max-age=0, s-maxage=60").get(path).then().header("X-Cache", "HIT");
    }

    @Test
    void shouldNotStoreWithoutPublicOrWithPrivateOrNoStore() {
        for (String cc : new String[] { "max-age=60", "public, max-age=60, private", "public, no-store, max-age=60",
                "public" }) {
            String path = unique("/api/catalog/echo/");
            cached(cc).get(path).then().statusCode(200).header("X-Cache", "MISS");
            cached(cc).get(path).then().statusCode(200).header("X-Cache", "MISS");
            assertEquals(2, catalogCount(path), cc);
        }
    }

    @Test
    void shouldKeyOnSortedQuery() {
        String path = unique("/api/catalog/echo/");
        given().get(path + "?cc=public,max-age=60&x=1&y=2").then().header("X-Cache", "MISS");
        given().get(path + "?y=2&x=1&cc=public,max-age=60").then().header("X-Cache", "HIT");
        given().get(path + "?y=3&x=1&cc=public,max-age=60").then().header("X-Cache", "MISS");
    }

    @Test
    void shouldKeepOneEntryPerVaryValue() {
        String path = unique("/api/catalog/echo/");
        cached(PUBLIC_60).queryParam("vary", "Accept-Language").header("Accept-Language", "en").get(path)
                .then().header("X-Cache", "MISS");
        cached(PUBLIC_60).queryParam("vary", "Accept-Language").header("Accept-Language", "de").get(path)
                .then().header("X-Cache", "MISS").body("'h:accept-language'", equalTo("de"));
        cached(PUBLIC_60).queryParam("vary", "Accept-Language").header("Accept-Language", "en").get(path)
                .then().header("X-Cache", "HIT").body("'h:accept-language'", equalTo("en"));
    }

    @Test
    void shouldNotStoreVaryStar() {
        String path = unique("/api/catalog/echo/");
        cached(PUBLIC_60).queryParam("vary", "*").get(path).then().header("X-Cache", "MISS");
        cached(PUBLIC_60).queryParam("vary", "*").get(path).then().header("X-Cache", "MISS");
    }

    @Test
    void shouldAnswer304FromCacheWhenETagMatches() {
        String path = unique("/api/catalog/echo/");
        cached(PUBLIC_60).queryParam("etag", "\"7\"").get(path).then().statusCode(200).header("ETag", "\"7\"");
        cached(PUBLIC_60).queryParam("etag", "\"7\"").header("If-None-Match", "\"7\"").get(path).then()
                .statusCode(304).header("X-Cache", "HIT").header("ETag", "\"7\"").body(equalTo(""));
    }

    @Test
    void shouldNotShowCacheTagsToClients() {
        String path = unique("/api/catalog/echo/");
        cached(PUBLIC_60).queryParam("tags", "product:1").get(path).then().header("Cache-Tag", nullValue());
        cached(PUBLIC_60).queryParam("tags", "product:1").get(path).then().header("X-Cache", "HIT")
                .header("Cache-Tag", nullValue());
    }

    @Test
    void shouldSendOneUpstreamRequestForConcurrentMisses() throws Exception {
        String path = unique("/api/catalog/delay/400/");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> cached(PUBLIC_60).get(path).then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, catalogCount(path), "concurrent misses share one upstream request");
    }

    @Test
    void shouldStoreChunkedResponsesWithinTheEntryCap() {
        String path = unique("/api/catalog/chunked/10240/"); // a listing page's size, sent as catalog sends it
        String body = cached(PUBLIC_60).get(path).then().statusCode(200).header("X-Cache", "MISS").extract().asString();
        cached(PUBLIC_60).get(path).then().statusCode(200).header("X-Cache", "HIT").body(equalTo(body));
        assertEquals(1, catalogCount(path), "the hit never reached the upstream");
        assertEquals(10240, body.length());
    }

    @Test
    void shouldStreamChunkedResponsesPastTheEntryCapWithoutStoring() {
        int size = 1536 * 1024; // half as much again as gateway.cache.max-entry-bytes
        String path = unique("/api/catalog/chunked/" + size + "/");
        for (int i = 0; i < 2; i++) {
            String body = cached(PUBLIC_60).get(path).then().statusCode(200).header("X-Cache", "MISS")
                    .header("Content-Length", nullValue()).extract().asString();
            assertEquals(size, body.length(), "every byte, the ones read before the cap was found too");
            assertEquals((char) ('a' + (size / 1024 - 1) % 26), body.charAt(size - 1));
        }
        assertEquals(2, catalogCount(path), "nothing stored");
    }

    static RequestSpecification cached(String cacheControl) {
        return given().queryParam("cc", cacheControl);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID();
    }

    static int catalogCount(String path) {
        return Upstreams.count("a", path) + Upstreams.count("b", path);
    }
}
