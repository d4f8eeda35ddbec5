package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * catalog-service's read-your-writes token crosses the gateway both ways unchanged: a write's response carries it
 * to the client, and the client's next read carries it back to the service (docs/sharding.md).
 */
@QuarkusTest
class ConsistencyTokenTest {

    private static final String TOKEN = "djE7czA9MC8xNkIzRjIw";

    @Test
    void shouldReturnTheTokenOfAWriteToTheClient() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(200)
                .header("X-Consistency-Token", TOKEN);
    }

    @Test
    void shouldSendAKeysLatestWriteTokenWithItsNextReadWithoutTheClientEchoingIt() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(200);

        given().header("X-API-Key", TestKeys.WRITER).get("/api/catalog/echo/" + UUID.randomUUID()).then()
                .statusCode(200).body("'h:x-consistency-token'", equalTo(TOKEN));
    }

    @Test
    void shouldNotSendAKeysTokenWithAnotherKeysRead() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(200);

        given().header("X-API-Key", TestKeys.READER).get("/api/catalog/echo/" + UUID.randomUUID()).then()
                .statusCode(200).body("'h:x-consistency-token'", nullValue());
    }

    @Test
    void shouldKeepTheTokenAClientSendsItself() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(200);

        given().header("X-API-Key", TestKeys.WRITER).header("X-Consistency-Token", "b3duLXRva2Vu")
                .get("/api/catalog/echo/" + UUID.randomUUID()).then().statusCode(200)
                .body("'h:x-consistency-token'", equalTo("b3duLXRva2Vu"));
    }

    @Test
    void shouldPassTheTokenOfAReadToTheService() {
        given().header("X-Consistency-Token", TOKEN).get("/api/catalog/echo/token-read").then().statusCode(200)
                .body("'h:x-consistency-token'", equalTo(TOKEN));
    }
}
