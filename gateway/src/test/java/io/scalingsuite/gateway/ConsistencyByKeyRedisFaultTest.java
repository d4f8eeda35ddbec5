package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.gateway.proxy.ProxyHandler;

/**
 * Read-your-writes per key when Redis cannot keep or give back a key's token (frozen with SIGSTOP, so every call
 * times out): the write is not answered 2xx, and the key's reads go to the primaries, since the key may have
 * written within the TTL. The operator's log says which call failed; the client's problem does not.
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
    void shouldLogWhatKeptAWriteFromBeingConfirmedButNotTellTheClient() {
        PausableRedis.node().pause();

        try (CapturedLog log = CapturedLog.of(ProxyHandler.class)) {
            given().header("X-API-Key", TestKeys.WRITER).header("X-Request-Id", "unconfirmed-1")
                    .contentType("application/json").body("{}").post("/api/catalog/echo?token=" + TOKEN).then()
                    .statusCode(503).body("detail", not(containsString("no answer")));
            assertEquals(List.of("POST /api/catalog/echo (request unconfirmed-1) answered 503 write-not-confirmed "
                    + "after upstream 200: read-your-writes token: no answer in 500 ms"), log.messages());
        }
    }

    @Test
    void shouldSendAKeysReadToThePrimariesWhenItsTokenCannotBeRead() {
        PausableRedis.node().pause();

        given().header("X-API-Key", TestKeys.WRITER).get("/api/catalog/echo/" + UUID.randomUUID()).then()
                .statusCode(200).body("'h:x-consistency-token'", equalTo(EVERY_PRIMARY));
    }
}
