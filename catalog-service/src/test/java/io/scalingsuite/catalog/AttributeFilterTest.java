package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** {@code attr.<name>=<value>}: JSON scalars, all must hold, combined with the other filters, sorts and cursors. */
@QuarkusTest
class AttributeFilterTest {

    private static final String PRODUCTS = "/api/catalog/products";

    private String merchantId;
    private String brownWide;
    private String brownNarrow;
    private String blackWide;
    private String quotedWidth;

    @BeforeEach
    void createProducts() {
        String categoryId = Fixtures.category();
        merchantId = Fixtures.unique("m");
        brownWide = create(categoryId, 300, Map.of("color", "brown", "width", 140, "vegan", true));
        brownNarrow = create(categoryId, 100, Map.of("color", "brown", "width", 80, "vegan", false));
        blackWide = create(categoryId, 200, Map.of("color", "black", "width", 140));
        quotedWidth = create(categoryId, 400, Map.of("color", "brown", "width", "140"));
    }

    private String create(String categoryId, int priceCents, Map<String, Object> attributes) {
        Map<String, Object> body = Fixtures.product(categoryId, merchantId);
        body.put("priceCents", priceCents);
        body.put("attributes", attributes);
        return Fixtures.create(body).path("id");
    }

    private RequestSpecification mine() {
        return given().queryParam("merchantId", merchantId);
    }

    @Test
    void shouldKeepOnlyProductsWithTheAttribute() {
        mine().queryParam("attr.color", "brown").queryParam("sort", "price").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(brownNarrow, brownWide, quotedWidth))
                .header("Cache-Tag", equalTo("products"));
    }

    @Test
    void shouldRequireEveryAttributeFilter() {
        mine().queryParam("attr.color", "brown").queryParam("attr.width", "140").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", contains(brownWide));
    }

    @Test
    void shouldTellNumbersBooleansAndQuotedStringsApart() {
        mine().queryParam("attr.width", "140").get(PRODUCTS).then()
                .body("items.id", containsInAnyOrder(brownWide, blackWide));
        mine().queryParam("attr.width", "\"140\"").get(PRODUCTS).then()
                .body("items.id", contains(quotedWidth));
        mine().queryParam("attr.vegan", "false").get(PRODUCTS).then()
                .body("items.id", contains(brownNarrow));
        mine().queryParam("attr.color", "\"brown\"").queryParam("attr.vegan", "true").get(PRODUCTS).then()
                .body("items.id", contains(brownWide));
    }

    @Test
    void shouldTakeANumberTooLargeForPostgresqlAsText() {
        mine().queryParam("attr.width", "1e999999").get(PRODUCTS).then()
                .statusCode(200)
                .body("items", empty());
        mine().queryParam("attr.width", "1.4e2").get(PRODUCTS).then()
                .statusCode(200)
                .body("items.id", containsInAnyOrder(brownWide, blackWide));
    }

    @Test
    void shouldFindNothingWhenTheSameAttributeMustHoldTwoValues() {
        mine().queryParam("attr.color", "brown", "black").get(PRODUCTS).then()
                .statusCode(200)
                .body("items", empty());
    }

    @Test
    void shouldCombineWithPriceFiltersSortsAndCursors() {
        String cursor = mine().queryParam("attr.width", "140").queryParam("sort", "-price").queryParam("limit", 1)
                .get(PRODUCTS).then()
                .body("items.id", contains(brownWide))
                .extract().path("nextCursor");

        mine().queryParam("attr.width", "140").queryParam("sort", "-price").queryParam("limit", 1)
                .queryParam("cursor", cursor).get(PRODUCTS).then()
                .body("items.id", contains(blackWide));
        mine().queryParam("attr.width", "80").queryParam("sort", "-price").queryParam("cursor", cursor)
                .get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        mine().queryParam("attr.width", "140").queryParam("maxPriceCents", 250).get(PRODUCTS).then()
                .body("items.id", contains(blackWide));
    }

    @Test
    void shouldRefuseMalformedFiltersNamingTheParameter() {
        given().queryParam("attr.col or", "brown").get(PRODUCTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("attr.col or"))
                .body("errors[0].message", equalTo("attribute names are 1-64 letters, digits, '-' or '_'"));
        given().queryParam("attr.", "brown").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr."));
        given().queryParam("attr", "brown").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr"));
        given().queryParam("attr.color", "\"brown").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr.color"))
                .body("errors[0].message", equalTo("a value starting with '\"' must be one JSON string"));
        given().queryParam("attr.color", "").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr.color"));
    }

    @Test
    void shouldRefuseTooManyFiltersOrTooLongAValue() {
        given().queryParam("attr.color", "x".repeat(201)).get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr.color"))
                .body("errors[0].message", equalTo("must be a value of 1 to 200 characters"));
        RequestSpecification nine = given();
        for (int i = 0; i < 9; i++) {
            nine.queryParam("attr.a" + i, i);
        }
        nine.get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attr"))
                .body("errors[0].message", equalTo("at most 8 attribute filters"));
    }
}
