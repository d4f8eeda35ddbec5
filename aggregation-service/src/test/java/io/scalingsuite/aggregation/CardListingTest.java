package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CardListingTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    private UUID category;
    private final List<UUID> products = new ArrayList<>();

    /** Five products: prices 500, 100, 300, 200, 400; ratings 5, (5,3)=4, none, 4, 2. */
    @BeforeEach
    void publishProducts() {
        CatalogStream stream = new CatalogStream(redis, key);
        category = UUID.randomUUID();
        stream.publish("CategoryCreated", category, 0, CatalogStream.category(category, "l-" + category, null));
        long[] prices = { 500, 100, 300, 200, 400 };
        int[][] ratings = { { 5 }, { 5, 3 }, {}, { 4 }, { 2 } };
        for (int i = 0; i < prices.length; i++) {
            UUID id = UUID.randomUUID();
            products.add(id);
            stream.publish("ProductCreated", id, 0, CatalogStream.product(id, category, "acme", prices[i], 1));
            for (int rating : ratings[i]) {
                stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                        CatalogStream.review(UUID.randomUUID(), id, rating, "2026-01-01T00:00:00Z"));
            }
        }
        // Until the category's event is applied the summary is a 404 problem without reviewCount.
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Objects.equals(5,
                given().get("/api/views/categories/" + category + "/summary").<Integer>path("reviewCount")));
    }

    private List<String> walk(String sort) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("categoryId", category).queryParam("sort", sort).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/views/products").then().statusCode(200)
                    .header("Cache-Tag", equalTo("view:products")).extract().response();
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private List<String> ids(int... indexes) {
        List<String> ids = new ArrayList<>();
        for (int index : indexes) {
            ids.add(products.get(index).toString());
        }
        return ids;
    }

    @Test
    void shouldPageByPrice() {
        assertEquals(ids(1, 3, 2, 4, 0), walk("price"));
    }

    @Test
    void shouldPageByRatingWithUnratedLast() {
        // 5.0 (one review), then the two 4.0s (two reviews before one), then 2.0, then unrated.
        assertEquals(ids(0, 1, 3, 4, 2), walk("rating"));
    }

    @Test
    void shouldListTopProductsOfCategory() {
        given().queryParam("limit", 3).get("/api/views/categories/" + category + "/top").then()
                .statusCode(200)
                .body("categoryId", equalTo(category.toString()))
                .body("items.id", contains(ids(0, 1, 3).toArray()))
                .body("items[0].avgRating", equalTo(5.0f));
    }

    @Test
    void shouldRejectBadSortCursorAndLimit() {
        given().queryParam("sort", "name").get("/api/views/products").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("sort"));
        String priceCursor = given().queryParam("categoryId", category).queryParam("limit", 1)
                .get("/api/views/products").then().extract().path("nextCursor");
        given().queryParam("categoryId", category).queryParam("sort", "rating").queryParam("cursor", priceCursor)
                .get("/api/views/products").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().queryParam("limit", 0).get("/api/views/products").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", 101).get("/api/views/products").then()
                .statusCode(400).body("errors[0].message", equalTo("must be a whole number from 1 to 100"));
        given().get("/api/views/categories/" + UUID.randomUUID() + "/top").then().statusCode(404);
    }

    @Test
    void shouldFillCategoryOfCardWhenCategoryArrivesLate() {
        CatalogStream stream = new CatalogStream(redis, key);
        UUID late = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, late, "acme", 100, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/views/products/" + product)
                .statusCode() == 200);
        given().get("/api/views/products/" + product).then().body("category.id", equalTo(late.toString()))
                .body("category.slug", org.hamcrest.Matchers.nullValue());

        stream.publish("CategoryCreated", late, 0, CatalogStream.category(late, "late-" + late, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> ("late-" + late).equals(
                given().get("/api/views/products/" + product).path("category.slug")));
        given().get("/api/views/products/" + product).then()
                .body("category.path.id", contains(late.toString()));
    }
}
