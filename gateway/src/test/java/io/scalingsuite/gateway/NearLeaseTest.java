package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A replica answers from memory only while purges demonstrably reach it, and a write is answered only once its
 * purge is done everywhere: with Redis frozen (connections open, so the subscription looks alive), a purge of
 * another replica could not arrive, so this replica stops answering from memory within a lease, and a write whose
 * purge cannot be done answers 503 instead of 2xx.
 */
@QuarkusTest
@TestProfile(PausableRedis.class)
class NearLeaseTest {

    @AfterEach
    void thaw() {
        PausableRedis.node().resume();
    }

    @Test
    void shouldStopAnsweringFromMemoryWhenPurgesMayNotArrive() {
        String path = ResponseCacheTest.unique("/api/catalog/echo/");
        ResponseCacheTest.cached("public, max-age=60").get(path).then().statusCode(200).header("X-Cache", "MISS");
        await().atMost(Duration.ofSeconds(5)).until(() -> "HIT".equals(
                ResponseCacheTest.cached("public, max-age=60").get(path).then().extract().header("X-Cache")));
        int before = ResponseCacheTest.catalogCount(path);

        PausableRedis.node().pause();

        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> "MISS".equals(
                ResponseCacheTest.cached("public, max-age=60").get(path).then().statusCode(200).extract()
                        .header("X-Cache")));
        assertEquals(before + 1, ResponseCacheTest.catalogCount(path), "asked upstream, not memory");
    }

    @Test
    void shouldNotAnswerTwoHundredForAWriteWhosePurgeCannotBeDone() {
        String path = ResponseCacheTest.unique("/api/catalog/echo/");
        PausableRedis.node().pause();

        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .queryParam("tags", "product:1").post(path).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("/problems/write-not-confirmed"));
    }
}
