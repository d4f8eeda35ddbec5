package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProductValidationTest {

    private static final String PRODUCTS = "/api/catalog/products";

    private String categoryId;

    @BeforeEach
    void createCategory() {
        categoryId = Fixtures.category();
    }

    private static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post(PRODUCTS).then();
    }

    /** What every error must look like: problem+json, and nothing internal leaking. */
    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("/problems/"))
                .body(not(containsString("java.")))
                .body(not(containsString("Exception")))
                .body(not(containsString("catalog.product")));
    }

    @Test
    void shouldRejectMalformedJson() {
        problem(post("{\"sku\": \"A-1\", "), 400)
                .body("detail", startsWith("The request body is not valid JSON"));
    }

    @Test
    void shouldNameFieldOfWrongType() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("priceCents", "twelve");

        problem(post(body), 400)
                .body("errors[0].field", equalTo("priceCents"))
                .body("errors[0].message", equalTo("must be an integer"));
    }

    @Test
    void shouldRejectNegativePrice() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("priceCents", -1);

        problem(post(body), 400)
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItem("priceCents"))
                .body("errors.find { it.field == 'priceCents' }.message", equalTo("must not be negative"));
    }

    @Test
    void shouldRejectUnknownCurrency() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("currency", "XYZ");

        problem(post(body), 400)
                .body("errors[0].field", equalTo("currency"))
                .body("errors[0].message", startsWith("must be an ISO 4217 currency code"));
    }

    @Test
    void shouldListEveryInvalidField() {
        Map<String, Object> body = Fixtures.product(categoryId, "bad merchant!");
        body.remove("sku");
        body.put("stock", -3);

        problem(post(body), 400)
                .body("errors.field", equalTo(java.util.List.of("merchantId", "sku", "stock")));
    }

    @Test
    void shouldRejectUnknownProperty() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("discount", 10);

        problem(post(body), 400)
                .body("errors[0].field", equalTo("discount"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void shouldRejectMalformedCategoryId() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("categoryId", "42");

        problem(post(body), 400)
                .body("errors[0].field", equalTo("categoryId"))
                .body("errors[0].message", equalTo("must be a UUID string"));
    }

    @Test
    void shouldRejectOversizedBodyWith413() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        body.put("description", "x".repeat(70_000));

        problem(post(body), 413)
                .body("detail", equalTo("The request body is larger than 65536 bytes."))
                .body("instance", equalTo(PRODUCTS));
    }

    @Test
    void shouldRefuseDuplicateSkuWith409() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        Fixtures.create(body);

        problem(post(body), 409)
                .body("detail", equalTo("A product with SKU '" + body.get("sku") + "' already exists."));
    }

    @Test
    void shouldRefuseUnknownCategoryWith422() {
        Map<String, Object> body = Fixtures.product("0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10", "acme");

        problem(post(body), 422)
                .body("errors[0].field", equalTo("categoryId"))
                .body("detail", equalTo("Category 0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10 does not exist."));
    }

    @Test
    void shouldRejectNonJsonContentType() {
        problem(given().contentType(ContentType.TEXT).body("sku=A").post(PRODUCTS).then(), 415);
    }

    @Test
    void shouldAnswerProblemForUnknownRouteAndMethod() {
        problem(given().get("/api/catalog/nothing-here").then(), 404);
        problem(given().put(PRODUCTS).then(), 405).body("detail",
                equalTo("This resource does not support the method."));
    }

    @Test
    void shouldRejectNonObjectMergePatch() {
        String id = Fixtures.createProduct(categoryId, "acme");

        problem(given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("[1]")
                .patch(PRODUCTS + "/" + id).then(), 400)
                .body("detail", equalTo("A merge patch must be a JSON object."));
    }

    @Test
    void shouldValidatePatchedResult() {
        String id = Fixtures.createProduct(categoryId, "acme");

        problem(given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"priceCents\": -5, \"name\": null}").patch(PRODUCTS + "/" + id).then(), 400)
                .body("errors.field", equalTo(java.util.List.of("name", "priceCents")));
        given().get(PRODUCTS + "/" + id).then().body("priceCents", equalTo(49_900)).body("version", equalTo(0));
    }
}
