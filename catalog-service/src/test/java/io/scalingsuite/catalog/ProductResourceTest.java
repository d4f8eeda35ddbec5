package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ProductResourceTest {

    private static final String PRODUCTS = "/api/catalog/products";
    private static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private String categoryId;

    @BeforeEach
    void createCategory() {
        categoryId = Fixtures.category();
    }

    @Test
    void shouldCreateProductWithLocationAndETag() {
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        Response created = Fixtures.create(body);

        String id = created.path("id");
        created.then()
                .header("Location", endsWith(PRODUCTS + "/" + id))
                .header("ETag", equalTo("\"0\""))
                .body("id", matchesPattern(UUID_V7))
                .body("sku", equalTo(body.get("sku")))
                .body("priceCents", equalTo(49_900))
                .body("currency", equalTo("EUR"))
                .body("merchantId", equalTo("acme"))
                .body("attributes.color", equalTo("brown"));
    }

    @Test
    void shouldReturnProductWithCategoryIdNotNestedCategory() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().get(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("categoryId", equalTo(categoryId))
                .body("$", not(hasKey("category")))
                .body("stock", equalTo(7))
                .body("version", equalTo(0));
    }

    @Test
    void shouldAnswerNotModifiedForCurrentETag() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().header("If-None-Match", "\"0\"").get(PRODUCTS + "/" + id).then()
                .statusCode(304)
                .header("ETag", equalTo("\"0\""))
                .body(equalTo(""));
        given().header("If-None-Match", "\"41\"").get(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void shouldReturnOnlyRequestedFields() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().queryParam("fields", "id,name,priceCents").get(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .header("ETag", equalTo("\"0;id,name,priceCents\""))
                .body("$", aMapWithSize(3))
                .body("id", equalTo(id))
                .body("name", equalTo("Walnut desk"))
                .body("priceCents", equalTo(49_900));
    }

    @Test
    void shouldRejectUnknownFieldNames() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().queryParam("fields", "id,password").get(PRODUCTS + "/" + id).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("fields"))
                .body("errors[0].message", startsWith("unknown field(s) password"));
    }

    @Test
    void shouldReplaceWithMatchingIfMatch() {
        String id = Fixtures.createProduct(categoryId, "acme");
        Map<String, Object> replacement = Fixtures.product(categoryId, "acme");
        replacement.put("name", "Oak desk");
        replacement.put("priceCents", 39_900);

        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(replacement)
                .put(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Oak desk"))
                .body("version", equalTo(1));
        given().get(PRODUCTS + "/" + id).then()
                .header("ETag", equalTo("\"1\""))
                .body("priceCents", equalTo(39_900));
    }

    @Test
    void shouldApplyMergePatch() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"stock\": 0, \"description\": null, \"attributes\": {\"size\": \"L\"}}")
                .patch(PRODUCTS + "/" + id).then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("stock", equalTo(0))
                .body("description", nullValue())
                .body("attributes.color", equalTo("brown"))
                .body("attributes.size", equalTo("L"))
                .body("name", equalTo("Walnut desk"));
    }

    @Test
    void shouldRequireIfMatchOnWrites() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().contentType("application/merge-patch+json").body("{\"stock\": 1}")
                .patch(PRODUCTS + "/" + id).then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("title", equalTo("Precondition required"))
                .body("detail", startsWith("This write needs an If-Match header"));
        given().contentType(ContentType.JSON).body(Fixtures.product(categoryId, "acme"))
                .put(PRODUCTS + "/" + id).then()
                .statusCode(428);
    }

    @Test
    void shouldRefuseStaleIfMatch() {
        String id = Fixtures.createProduct(categoryId, "acme");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 1}")
                .patch(PRODUCTS + "/" + id).then().statusCode(200);

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 2}")
                .patch(PRODUCTS + "/" + id).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", startsWith("The product has changed"));
        given().get(PRODUCTS + "/" + id).then().body("stock", equalTo(1));
    }

    @Test
    void shouldRefuseToMoveProductToAnotherMerchant() {
        String id = Fixtures.createProduct(categoryId, "acme");

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"merchantId\": \"globex\"}")
                .patch(PRODUCTS + "/" + id).then()
                .statusCode(422)
                .body("errors[0].field", equalTo("merchantId"));
    }

    @Test
    void shouldDeleteThenAnswerNotFound() {
        String id = Fixtures.createProduct(categoryId, "acme");
        given().get(PRODUCTS + "/" + id).then().statusCode(200);

        given().delete(PRODUCTS + "/" + id).then().statusCode(204).body(equalTo(""));

        given().get(PRODUCTS + "/" + id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("Product " + id + " does not exist."));
        given().delete(PRODUCTS + "/" + id).then().statusCode(404);
    }

    @Test
    void shouldRejectMalformedProductId() {
        given().get(PRODUCTS + "/not-a-uuid").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", startsWith("must be a UUID"));
    }

    @Test
    void shouldAnswerNotFoundForUnknownId() {
        given().get(PRODUCTS + "/0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10").then()
                .statusCode(404)
                .body("title", is("Not found"));
    }
}
