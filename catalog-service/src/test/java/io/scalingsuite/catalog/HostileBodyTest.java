package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Findings of the hostile-input corpus (system-tests), each pinned here on catalog alone. */
@QuarkusTest
class HostileBodyTest {

    private static final String PRODUCTS = "/api/catalog/products";

    private static String valid(String category) {
        return "{\"sku\":\"" + Fixtures.unique("HB") + "\",\"name\":\"Lamp\",\"priceCents\":100,\"currency\":\"EUR\","
                + "\"categoryId\":\"" + category
                + "\",\"merchantId\":\"acme\",\"stock\":1,\"attributes\":{\"k\":\"v\"}}";
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PRODUCTS).then();
    }

    private static void assertRefused(ValidatableResponse answer) {
        answer.statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void shouldRefuseANulCharacterInATextFieldWith400() {
        assertRefused(post(valid(Fixtures.category()).replace("\"Lamp\"", "\"La\\u0000mp\"")));
    }

    @Test
    void shouldRefuseANulCharacterInAnAttributeValueAndKeyWith400() {
        String category = Fixtures.category();
        assertRefused(post(valid(category).replace("\"v\"", "\"\\u0000\"")));
        assertRefused(post(valid(category).replace("\"k\"", "\"\\u0000\"")));
    }

    @Test
    void shouldRefuseALoneSurrogateWith400() {
        post(valid(Fixtures.category()).replace("\"Lamp\"", "\"La\\uD800mp\"")).statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void shouldRefuseADuplicatedKey() {
        String body = valid(Fixtures.category());
        assertRefused(post(body.substring(0, body.length() - 1) + ",\"sku\":\"OTHER\"}"));
    }

    @Test
    void shouldRefuseASecondDocumentAfterTheFirst() {
        String body = valid(Fixtures.category());
        assertRefused(post(body + body));
    }

    @Test
    void shouldRefuseAFractionOrAStringWhereAnIntegerBelongs() {
        String category = Fixtures.category();
        post(valid(category).replace("\"priceCents\":100", "\"priceCents\":1.5")).statusCode(400)
                .body("errors.field", hasItem("priceCents"));
        post(valid(category).replace("\"priceCents\":100", "\"priceCents\":\"100\"")).statusCode(400)
                .body("errors.field", hasItem("priceCents"));
        post(valid(category).replace("\"stock\":1", "\"stock\":1e3")).statusCode(400);
    }

    @Test
    void shouldRefuseANumberWhereAStringBelongs() {
        post(valid(Fixtures.category()).replace("\"Lamp\"", "123")).statusCode(400).body("errors.field",
                hasItem("name"));
    }

    @Test
    void shouldNameTheAllowedMethodsOnA405() {
        given().contentType(ContentType.JSON).body("{}").put(PRODUCTS).then().statusCode(405)
                .contentType("application/problem+json").header("Allow", containsString("POST"))
                .header("Allow", containsString("GET"));
    }

    @Test
    void shouldNameTheAllowedMethodsOfAResourceListedNowhere() {
        given().contentType(ContentType.JSON).body("{}").put("/test-only/allow-probe/1").then().statusCode(405)
                .contentType("application/problem+json").header("Allow", equalTo("DELETE, GET, HEAD"));
    }

    @Test
    void shouldAnswerAChunkedBodyOverTheLimitWithAProblem() throws Exception {
        String chunk = "x".repeat(16_384);
        StringBuilder request = new StringBuilder("POST " + PRODUCTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 8; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        String answer = Chunked.send(request.append("0\r\n\r\n").toString());

        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        org.junit.jupiter.api.Assertions.assertTrue(answer.contains("application/problem+json"), answer);
        org.junit.jupiter.api.Assertions.assertTrue(answer.contains("/problems/payload-too-large"), answer);
    }

    @Test
    void shouldStillCreateFromAChunkedBodyUnderTheLimit() throws Exception {
        String body = valid(Fixtures.category());
        String answer = Chunked.send("POST " + PRODUCTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
                + Chunked.signedAsGateway("POST", PRODUCTS) + "\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");

        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
    }

    @Test
    void shouldAnswerWithAPathOnlyLocationThatNamesNoHost() {
        post(valid(Fixtures.category())).statusCode(201).header("Location", startsWith(PRODUCTS + "/"))
                .header("Location", not(startsWith("http")));
    }
}
