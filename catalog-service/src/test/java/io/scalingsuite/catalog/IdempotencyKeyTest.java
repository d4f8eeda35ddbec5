package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyKeyTest {

    private static final String PRODUCTS = "/api/catalog/products";

    private static Response post(String path, String key, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(path)
                .then().extract().response();
    }

    private static void assertMerchantHas(String merchant, int products) {
        given().queryParam("merchantId", merchant).queryParam("limit", 100).get(PRODUCTS)
                .then().statusCode(200).body("items", hasSize(products));
    }

    @Test
    void shouldReplayTheFirstAnswerForARetryWithTheSameKeyAndBody() {
        String merchant = Fixtures.unique("m");
        Map<String, Object> body = Fixtures.product(Fixtures.category(), merchant);
        String key = UUID.randomUUID().toString();

        Response first = post(PRODUCTS, key, body);
        Response retry = post(PRODUCTS, key, body);

        first.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        retry.then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id"))).body("createdAt", equalTo(first.path("createdAt")));
        assertMerchantHas(merchant, 1);
    }

    @Test
    void shouldRefuseTheSameKeyWithADifferentBody() {
        String merchant = Fixtures.unique("m");
        Map<String, Object> body = Fixtures.product(Fixtures.category(), merchant);
        String key = UUID.randomUUID().toString();
        post(PRODUCTS, key, body).then().statusCode(201);
        body.put("name", "Something else");

        post(PRODUCTS, key, body).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/unprocessable")).body("errors[0].field", equalTo("Idempotency-Key"));
        assertMerchantHas(merchant, 1);
    }

    @Test
    void shouldCreateOnceWhenDuplicatesArriveTogether() throws Exception {
        String merchant = Fixtures.unique("m");
        Map<String, Object> body = Fixtures.product(Fixtures.category(), merchant);
        String key = UUID.randomUUID().toString();
        SimultaneousCreates.Outcome outcome = SimultaneousCreates.send(8, () -> post(PRODUCTS, key, body));
        assertEquals(1, outcome.ids().size(), "one product for every duplicate: " + outcome.ids());
        assertEquals(7, outcome.replayed(), "all but the first replayed");
        assertMerchantHas(merchant, 1);
    }

    @Test
    void shouldForgetAKeyWhoseCreateFailed() {
        String merchant = Fixtures.unique("m");
        Map<String, Object> body = Fixtures.product(Fixtures.category(), merchant);
        String key = UUID.randomUUID().toString();
        Map<String, Object> invalid = new java.util.HashMap<>(body);
        invalid.put("priceCents", -1);
        post(PRODUCTS, key, invalid).then().statusCode(400);

        post(PRODUCTS, key, body).then().statusCode(201).header("Idempotency-Replayed", nullValue());
        assertMerchantHas(merchant, 1);
    }

    @Test
    void shouldKeepKeysOfDifferentScopesApart() {
        String category = Fixtures.category();
        String key = UUID.randomUUID().toString();
        String product = post(PRODUCTS, key, Fixtures.product(category, "acme")).then().statusCode(201)
                .extract().path("id");

        post(PRODUCTS + "/" + product + "/reviews", key, Map.of("rating", 4, "title", "Good", "body", "Sturdy"))
                .then().statusCode(201).header("Idempotency-Replayed", nullValue()).body("id", not(equalTo(product)));
    }

    @Test
    void shouldReplayAReviewRetryWithoutAddingASecondReview() {
        String product = Fixtures.createProduct(Fixtures.category(), "acme");
        String reviews = PRODUCTS + "/" + product + "/reviews";
        Map<String, Object> review = Map.of("rating", 5, "title", "Great", "body", "Would buy again");
        String key = UUID.randomUUID().toString();

        String first = post(reviews, key, review).then().statusCode(201).extract().path("id");
        post(reviews, key, review).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first));
        given().get(reviews).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldRejectAKeyThatIsNotPrintableAscii() {
        post(PRODUCTS, "x".repeat(256), Fixtures.product(Fixtures.category(), "acme"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }
}
