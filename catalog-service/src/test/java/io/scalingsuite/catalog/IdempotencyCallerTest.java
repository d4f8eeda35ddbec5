package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.devinfra.SignedTestRequests;

/**
 * An Idempotency-Key belongs to the caller that sent it (the gateway's API key, from the signed caller header):
 * another caller choosing the same key gets an independent create, never the first caller's answer or a 422.
 */
@QuarkusTest
class IdempotencyCallerTest {

    private static final String PRODUCTS = "/api/catalog/products";
    private static final String OTHER_CALLER = "storefront-2";
    private static final CallerSignature SIGNER = SignedTestRequests.signer(
            ConfigProvider.getConfig().getValue("suite.internal-auth.keys", String.class));

    /** A POST signed as {@code caller} (the tests' own filter signs everything else as caller "test"). */
    private static Response post(String caller, String path, String key, Object body) {
        return given().noFilters().contentType(ContentType.JSON)
                .header(CallerSignature.HEADER, SIGNER.sign("POST", path, caller, "read,write"))
                .header("Idempotency-Key", key).body(body).post(path).then().extract().response();
    }

    private static Response post(String path, String key, Object body) {
        return post(SignedTestRequests.CALLER, path, key, body);
    }

    @Test
    void shouldCreateIndependentlyWhenAnotherCallerSendsTheSameKeyWithAnotherBody() {
        String category = Fixtures.category();
        String key = UUID.randomUUID().toString();
        String mine = post(PRODUCTS, key, Fixtures.product(category, Fixtures.unique("m"))).then().statusCode(201)
                .extract().path("id");

        String theirMerchant = Fixtures.unique("m");
        post(OTHER_CALLER, PRODUCTS, key, Fixtures.product(category, theirMerchant)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).body("id", not(equalTo(mine)))
                .body("merchantId", equalTo(theirMerchant));
        given().queryParam("merchantId", theirMerchant).get(PRODUCTS).then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void shouldNotReplayAnotherCallersAnswerForTheSameKeyAndBody() {
        String reviews = PRODUCTS + "/" + Fixtures.createProduct(Fixtures.category(), "acme") + "/reviews";
        Map<String, Object> review = Map.of("rating", 5, "title", "Great", "body", "Would buy again");
        String key = UUID.randomUUID().toString();
        String mine = post(reviews, key, review).then().statusCode(201).extract().path("id");

        post(OTHER_CALLER, reviews, key, review).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).body("id", not(equalTo(mine)));
        given().get(reviews).then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void shouldReplayToEachCallerItsOwnAnswer() {
        String category = Fixtures.category();
        String key = UUID.randomUUID().toString();
        Map<String, Object> mine = Fixtures.product(category, Fixtures.unique("m"));
        Map<String, Object> theirs = Fixtures.product(category, Fixtures.unique("m"));
        String myId = post(PRODUCTS, key, mine).then().statusCode(201).extract().path("id");
        String theirId = post(OTHER_CALLER, PRODUCTS, key, theirs).then().statusCode(201).extract().path("id");

        post(PRODUCTS, key, mine).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(myId));
        post(OTHER_CALLER, PRODUCTS, key, theirs).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(theirId));
    }
}
