package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ReviewResourceTest {

    private String productId;

    @BeforeEach
    void createProduct() {
        productId = Fixtures.createProduct(Fixtures.category(), "acme");
    }

    private String reviews() {
        return "/api/catalog/products/" + productId + "/reviews";
    }

    private String addReview(int rating, String title) {
        return given().contentType(ContentType.JSON).body(Map.of("rating", rating, "title", title))
                .post(reviews()).then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldAddReviewWithLocation() {
        Response created = given().contentType(ContentType.JSON)
                .body(Map.of("rating", 5, "title", "Sturdy", "body", "Holds two monitors"))
                .post(reviews()).then().statusCode(201).extract().response();

        String id = created.path("id");
        created.then()
                .header("Location", endsWith(reviews() + "/" + id))
                .body("productId", equalTo(productId))
                .body("rating", equalTo(5));
        given().get(reviews() + "/" + id).then()
                .statusCode(200)
                .body("title", equalTo("Sturdy"))
                .body("body", equalTo("Holds two monitors"));
    }

    @Test
    void shouldListNewestFirstInPages() {
        String first = addReview(3, "first");
        String second = addReview(4, "second");
        String third = addReview(5, "third");

        Response page = given().queryParam("limit", 2).get(reviews()).then()
                .statusCode(200)
                .body("items.id", contains(third, second))
                .body("nextCursor", notNullValue())
                .extract().response();
        given().queryParam("limit", 2).queryParam("cursor", page.path("nextCursor").toString()).get(reviews()).then()
                .statusCode(200)
                .body("items.id", contains(first))
                .body("nextCursor", nullValue());
    }

    @Test
    void shouldRejectRatingOutOfRange() {
        given().contentType(ContentType.JSON).body(Map.of("rating", 6)).post(reviews()).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("rating"))
                .body("errors[0].message", equalTo("must be between 1 and 5"));
        given().get(reviews()).then().body("items", hasSize(0));
    }

    @Test
    void shouldAnswerNotFoundForReviewOfUnknownProduct() {
        given().contentType(ContentType.JSON).body(Map.of("rating", 4))
                .post("/api/catalog/products/0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10/reviews").then()
                .statusCode(404)
                .body("detail", equalTo("Product 0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10 does not exist."));
    }

    @Test
    void shouldRejectCursorOfAnotherProduct() {
        addReview(4, "a");
        addReview(4, "b");
        String cursor = given().queryParam("limit", 1).get(reviews()).then().extract().path("nextCursor");
        String other = Fixtures.createProduct(Fixtures.category(), "acme");

        given().queryParam("cursor", cursor).get("/api/catalog/products/" + other + "/reviews").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }
}
