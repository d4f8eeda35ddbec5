package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Read-your-writes per key when Redis cannot keep or give back a key's token (frozen with SIGSTOP, so every call
 * times out): the write is not answered 2xx, and the key's reads go to the primaries, since the key may have
 * written within the TTL.
 */
@QuarkusTest
@TestProfile(PausableRedis.class)
class ConsistencyByKeyRedisFaultTest {

    private static final String TOKEN = "djE7czA9MC8xNkIzRjIw";
    /** base64url of {@code v1;*=FFFFFFFF/FFFFFFFF}: no replica of any shard reaches it. */
    private static final String EVERY_PRIMARY = "djE7Kj1GRkZGRkZGRi9GRkZGRkZGRg";

    @AfterEach
    void thaw() {
        PausableRedis.node().resume();
    }

    @Test
    void shouldNotAnswerTwoHundredForAWriteWhoseTokenCannotBeKept() {
        PausableRedis.node().pause();

        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("/problems/write-not-confirmed"));
    }

    @Test
    void shouldSendAKeysReadToThePrimariesWhenItsTokenCannotBeRead() {
        PausableRedis.node().pause();

        given().header("X-API-Key", TestKeys.WRITER).get("/api/catalog/echo/" + UUID.randomUUID()).then()
                .statusCode(200).body("'h:x-consistency-token'", equalTo(EVERY_PRIMARY));
    }
}
