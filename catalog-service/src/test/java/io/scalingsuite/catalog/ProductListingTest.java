package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ProductListingTest {

    private static final String PRODUCTS = "/api/catalog/products";
    private static final int[] PRICES = { 500, 300, 300, 900, 100, 700, 300 };

    private String merchantId;
    private String categoryId;
    private final List<Map<String, Object>> made = new ArrayList<>();

    @BeforeEach
    void createProducts() {
        merchantId = Fixtures.unique("m");
        categoryId = Fixtures.category();
        for (int i = 0; i < PRICES.length; i++) {
            Map<String, Object> body = Fixtures.product(categoryId, merchantId);
            body.put("priceCents", PRICES[i]);
            body.put("stock", i % 3 == 0 ? 0 : 5);
            body.put("id", Fixtures.create(body).path("id"));
            made.add(body);
        }
    }

    /** Every page of one listing, following nextCursor, as the ids in order. */
    private List<String> walk(int limit, Map<String, Object> query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParams(query).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(PRODUCTS).then().statusCode(200).extract().response();
            List<String> items = page.path("items.id");
            ids.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private List<String> expected(Comparator<Map<String, Object>> order) {
        return made.stream().sorted(order.thenComparing(p -> (String) p.get("id")))
                .map(p -> (String) p.get("id")).toList();
    }

    private static Comparator<Map<String, Object>> byPrice() {
        return Comparator.comparing(p -> (Integer) p.get("priceCents"));
    }

    @Test
    void shouldPageByPriceWithoutGapsOrDuplicates() {
        List<String> ids = walk(3, Map.of("merchantId", merchantId, "sort", "price"));

        assertEquals(expected(byPrice()), ids);
    }

    @Test
    void shouldPageByDescendingPriceWithTiesInDescendingId() {
        List<String> ids = walk(2, Map.of("categoryId", categoryId, "sort", "-price"));

        List<String> ascending = new ArrayList<>(expected(byPrice()));
        java.util.Collections.reverse(ascending);
        assertEquals(ascending, ids);
    }

    @Test
    void shouldPageByCreationTime() {
        List<String> ids = walk(4, Map.of("merchantId", merchantId, "sort", "createdAt"));

        assertEquals(made.stream().map(p -> (String) p.get("id")).toList(), ids);
    }

    @Test
    void shouldFilterByPriceRangeAndStock() {
        given().queryParam("merchantId", merchantId).queryParam("minPriceCents", 300)
                .queryParam("maxPriceCents", 700).queryParam("inStock", true).queryParam("sort", "price")
                .get(PRODUCTS).then()
                .statusCode(200)
                .body("items.priceCents", contains(300, 300, 700))
                .body("items.stock", everyItem(equalTo(5)))
                .body("nextCursor", nullValue());
    }

    @Test
    void shouldReturnOnlyRequestedFieldsInListing() {
        given().queryParam("merchantId", merchantId).queryParam("fields", "id,priceCents").get(PRODUCTS).then()
                .statusCode(200)
                .body("items", hasSize(PRICES.length))
                .body("items[0]", aMapWithSize(2));
    }

    @Test
    void shouldRefuseLimitOverOneHundredNamingTheMaximum() {
        given().queryParam("limit", 101).get(PRODUCTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must be from 1 to 100"));
        given().queryParam("limit", 100).get(PRODUCTS).then().statusCode(200);
    }

    @Test
    void shouldShowNewProductInCachedListing() {
        given().queryParam("merchantId", merchantId).get(PRODUCTS).then().body("items", hasSize(PRICES.length));

        Fixtures.createProduct(categoryId, merchantId);

        given().queryParam("merchantId", merchantId).get(PRODUCTS).then().body("items", hasSize(PRICES.length + 1));
    }

    @Test
    void shouldRejectUnknownSortKey() {
        given().queryParam("sort", "name").get(PRODUCTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", equalTo("must be one of price, -price, createdAt, -createdAt, relevance"));
    }

    @Test
    void shouldRejectCursorReplayedOnAnotherFilter() {
        String cursor = given().queryParam("merchantId", merchantId).queryParam("limit", 2).get(PRODUCTS)
                .then().extract().path("nextCursor");

        given().queryParam("merchantId", merchantId).queryParam("sort", "price").queryParam("cursor", cursor)
                .get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldRejectTamperedCursor() {
        given().queryParam("cursor", "MS5hYWFhLjEyMy5ub3QtYS11dWlk").get(PRODUCTS).then()
                .statusCode(400)
                .body("errors[0].message", equalTo("is not a cursor issued for this listing; start again without it"));
    }

    @Test
    void shouldRejectBadFilterValues() {
        given().queryParam("minPriceCents", -1).get(PRODUCTS).then().statusCode(400)
                .body("errors[0].field", equalTo("minPriceCents"));
        given().queryParam("inStock", "yes").get(PRODUCTS).then().statusCode(400)
                .body("errors[0].field", equalTo("inStock"));
        given().queryParam("categoryId", "abc").get(PRODUCTS).then().statusCode(400)
                .body("errors[0].field", equalTo("categoryId"));
        given().queryParam("merchantId", "a b").get(PRODUCTS).then().statusCode(400)
                .body("errors[0].field", equalTo("merchantId"));
        given().queryParam("limit", -5).get(PRODUCTS).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }
}
