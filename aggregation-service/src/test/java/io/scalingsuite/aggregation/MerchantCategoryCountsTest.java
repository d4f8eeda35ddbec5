package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A merchant selling in more categories than its summary embeds: the counts page by category id. */
@QuarkusTest
class MerchantCategoryCountsTest {

    private static final int CATEGORIES = 103;

    /** One merchant for the class (its 106 events are published once): category id to product count. */
    private static String merchant;
    private static final TreeMap<String, Integer> COUNTS = new TreeMap<>();

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @BeforeEach
    void publishMerchantOnce() {
        if (merchant != null) {
            return;
        }
        CatalogStream stream = new CatalogStream(redis, key);
        String seller = "mc-" + UUID.randomUUID().toString().substring(0, 8);
        int products = 0;
        for (int i = 0; i < CATEGORIES; i++) {
            UUID category = UUID.randomUUID();
            int count = i % 40 == 0 ? 2 : 1;
            for (int n = 0; n < count; n++, products++) {
                UUID id = UUID.randomUUID();
                stream.publish("ProductCreated", id, 0, CatalogStream.product(id, category, seller, 100, 1));
            }
            COUNTS.put(category.toString(), count);
        }
        int all = products;
        await().atMost(Duration.ofSeconds(60)).until(() -> Objects.equals(all,
                given().get("/api/views/merchants/" + seller + "/summary").<Integer>path("productCount")));
        merchant = seller;
    }

    private Map<String, Integer> walk(int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/views/merchants/" + merchant + "/category-counts").then()
                    .statusCode(200).body("merchantId", equalTo(merchant)).extract().response();
            List<Map<String, Object>> items = page.path("items");
            items.forEach(item -> counts.put((String) item.get("categoryId"), (Integer) item.get("productCount")));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return counts;
    }

    @Test
    void shouldPageEveryCountInCategoryIdOrder() {
        Map<String, Integer> counts = walk(30);

        assertEquals(List.copyOf(COUNTS.keySet()), List.copyOf(counts.keySet()));
        assertEquals(COUNTS, new TreeMap<>(counts));
    }

    @Test
    void shouldCacheCountsLikeTheMerchantSummary() {
        Response summary = given().get("/api/views/merchants/" + merchant + "/summary");

        given().get("/api/views/merchants/" + merchant + "/category-counts").then()
                .statusCode(200)
                .header("Cache-Tag", equalTo("view:merchant:" + merchant + ",view:merchants"))
                .header("Cache-Tag", equalTo(summary.header("Cache-Tag")))
                .header("Cache-Control", equalTo(summary.header("Cache-Control")))
                .header("Cache-Control", equalTo("public, max-age=5"))
                .body("items", hasSize(100));
    }

    @Test
    void shouldBoundSummaryCountsAndContinueWithItsCursor() {
        Response summary = given().get("/api/views/merchants/" + merchant + "/summary").then().statusCode(200)
                .body("categoryCountsNextCursor", notNullValue()).extract().response();
        Map<String, Integer> embedded = summary.path("categoryCounts");
        assertEquals(COUNTS.headMap(List.copyOf(COUNTS.keySet()).get(100)), new TreeMap<>(embedded));

        given().queryParam("cursor", summary.<String>path("categoryCountsNextCursor"))
                .get("/api/views/merchants/" + merchant + "/category-counts").then()
                .statusCode(200)
                .body("items.categoryId",
                        equalTo(List.copyOf(COUNTS.tailMap(List.copyOf(COUNTS.keySet()).get(100)).keySet())))
                .body("nextCursor", nullValue());
    }

    @Test
    void shouldRejectCursorOfAnotherMerchantNamingCursor() {
        String cursor = given().queryParam("limit", 1).get("/api/views/merchants/" + merchant + "/category-counts")
                .then().statusCode(200).extract().path("nextCursor");

        given().queryParam("cursor", cursor).get("/api/views/merchants/acme/category-counts").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldAnswerNotFoundForUnknownMerchant() {
        given().get("/api/views/merchants/never-" + UUID.randomUUID() + "/category-counts").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void shouldRejectBadIdAndLimit() {
        given().get("/api/views/merchants/a%20b/category-counts").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().queryParam("limit", 101).get("/api/views/merchants/" + merchant + "/category-counts").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
