package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The top list of a subtree of several categories, paged by its opaque keyset cursor. */
@QuarkusTest
class TopProductsPagingTest {

    /** Ratings of the products, many tied (same average and count) so the id decides; empty: unrated. */
    private static final int[][] RATINGS = { { 5 }, { 4 }, { 4 }, { 4 }, { 5, 3 }, { 5, 3 }, {}, {}, {}, { 2 },
            { 4, 4 }, { 4, 4 }, { 3 }, { 5 }, { 5 }, {}, { 1 }, { 4 }, { 4, 4 }, { 2 }, { 5 }, {}, { 3 } };

    private record Rated(String id, double average, int count) {
    }

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    private UUID root;
    private UUID child;
    private final List<Rated> products = new ArrayList<>();

    /** A root, two children and a grandchild, the products spread over all four. */
    @BeforeEach
    void publishSubtree() {
        CatalogStream stream = new CatalogStream(redis, key);
        root = UUID.randomUUID();
        child = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID grandchild = UUID.randomUUID();
        stream.publish("CategoryCreated", root, 0, CatalogStream.category(root, "t-" + root, null));
        stream.publish("CategoryCreated", child, 0, CatalogStream.category(child, "t-" + child, root));
        stream.publish("CategoryCreated", other, 0, CatalogStream.category(other, "t-" + other, root));
        stream.publish("CategoryCreated", grandchild, 0, CatalogStream.category(grandchild, "t-" + grandchild, child));
        List<UUID> categories = List.of(root, child, other, grandchild);
        int reviews = 0;
        for (int i = 0; i < RATINGS.length; i++) {
            UUID id = UUID.randomUUID();
            stream.publish("ProductCreated", id, 0,
                    CatalogStream.product(id, categories.get(i % 4), "acme", 100 + i, 1));
            for (int rating : RATINGS[i]) {
                stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                        CatalogStream.review(UUID.randomUUID(), id, rating, "2026-01-01T00:00:00Z"));
                reviews++;
            }
            products.add(new Rated(id.toString(), RATINGS[i].length == 0 ? -1
                    : java.util.Arrays.stream(RATINGS[i]).average().orElseThrow(), RATINGS[i].length));
        }
        int all = reviews;
        await().atMost(Duration.ofSeconds(30)).until(() -> Objects.equals(all,
                given().get("/api/views/categories/" + root + "/summary").<Integer>path("reviewCount")));
    }

    private List<String> walk(UUID category, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/views/categories/" + category + "/top").then().statusCode(200)
                    .header("Cache-Tag", equalTo("view:categories"))
                    .body("categoryId", equalTo(category.toString())).extract().response();
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void shouldPageThroughSubtreeInExactlyTheOrderOfOneBigPage() {
        List<String> whole = given().queryParam("limit", 100).get("/api/views/categories/" + root + "/top").then()
                .statusCode(200).body("items", hasSize(RATINGS.length)).body("nextCursor", nullValue())
                .extract().path("items.id");
        List<String> expected = products.stream().sorted(Comparator.comparingDouble(Rated::average)
                .thenComparingInt(Rated::count).thenComparing(Rated::id).reversed()).map(Rated::id).toList();

        assertEquals(expected, whole);
        assertEquals(whole, walk(root, 4));
        assertEquals(whole, walk(root, 1));
    }

    @Test
    void shouldEndLastPageWithNullCursor() {
        given().queryParam("limit", RATINGS.length).get("/api/views/categories/" + root + "/top").then()
                .statusCode(200).body("items", hasSize(RATINGS.length)).body("nextCursor", nullValue());
    }

    @Test
    void shouldRejectCursorOfAnotherCategoryNamingCursor() {
        String childCursor = given().queryParam("limit", 1).get("/api/views/categories/" + child + "/top").then()
                .statusCode(200).extract().path("nextCursor");

        given().queryParam("cursor", childCursor).get("/api/views/categories/" + root + "/top").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldRejectCursorOfTheCardListingNamingCursor() {
        String listingCursor = given().queryParam("categoryId", root).queryParam("sort", "rating")
                .queryParam("limit", 1).get("/api/views/products").then().statusCode(200).extract().path("nextCursor");

        given().queryParam("cursor", listingCursor).get("/api/views/categories/" + root + "/top").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldRejectMalformedCursorNamingCursor() {
        String forged = java.util.Base64.getUrlEncoder().encodeToString(("top:" + root + "|x|1|y").getBytes());

        for (String cursor : List.of("not-a-cursor", forged)) {
            given().queryParam("cursor", cursor).get("/api/views/categories/" + root + "/top").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("cursor"));
        }
    }
}
