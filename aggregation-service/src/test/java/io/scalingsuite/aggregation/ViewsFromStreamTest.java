package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ViewsFromStreamTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    private CatalogStream stream;
    private UUID root;
    private UUID child;

    @BeforeEach
    void publishCategories() {
        stream = new CatalogStream(redis, key);
        root = UUID.randomUUID();
        child = UUID.randomUUID();
        stream.publish("CategoryCreated", root, 0, CatalogStream.category(root, "home-" + root, null));
        stream.publish("CategoryCreated", child, 0, CatalogStream.category(child, "lamps-" + child, root));
    }

    private static void awaitStatus(String path, int status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(path).statusCode() == status);
    }

    @Test
    void shouldBuildProductCardWithCategoryPathAndRating() {
        UUID product = UUID.randomUUID();
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, child, "acme", 2_500, 4));
        stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), product, 5, "2026-01-01T00:00:00Z"));
        stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), product, 2, "2026-01-02T00:00:00Z"));

        String path = "/api/views/products/" + product;
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(path).path("rating.count") != null
                && given().get(path).<Integer>path("rating.count") == 2);
        given().get(path).then()
                .statusCode(200)
                .header("Cache-Tag", equalTo("view:product:" + product + ",view:products,view:category:" + root
                        + ",view:category:" + child)) // a rename of either purges the card
                .header("ETag", equalTo("\"0\""))
                .body("priceCents", equalTo(2_500))
                .body("category.id", equalTo(child.toString()))
                .body("category.path.id", contains(root.toString(), child.toString()))
                .body("rating.average", equalTo(3.5f))
                .body("recentReviews.rating", contains(2, 5))
                .body("streamPosition", org.hamcrest.Matchers.matchesPattern("\\d+-\\d+"));
    }

    @Test
    void shouldApplyEachEventOnceAndIgnoreOlderVersions() {
        UUID product = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, child, "acme", 100, 1));
        stream.publish(review, "ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), product, 4, "2026-01-01T00:00:00Z"));
        stream.publish(review, "ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), product, 4, "2026-01-01T00:00:00Z"));
        stream.publish("ProductUpdated", product, 2, CatalogStream.product(product, child, "acme", 300, 1));
        stream.publish("ProductUpdated", product, 1, CatalogStream.product(product, child, "acme", 200, 1));
        UUID marker = UUID.randomUUID();
        stream.publish("ProductCreated", marker, 0, CatalogStream.product(marker, child, "acme", 1, 1));

        awaitStatus("/api/views/products/" + marker, 200);
        given().get("/api/views/products/" + product).then()
                .body("rating.count", equalTo(1))
                .body("priceCents", equalTo(300))
                .body("version", equalTo(2));
    }

    @Test
    void shouldParkReviewThatArrivesBeforeItsProduct() {
        UUID product = UUID.randomUUID();
        stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), product, 3, "2026-01-01T00:00:00Z"));
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, child, "acme", 100, 1));

        awaitStatus("/api/views/products/" + product, 200);
        given().get("/api/views/products/" + product).then()
                .body("rating.count", equalTo(1))
                .body("recentReviews", hasSize(1));
    }

    @Test
    void shouldSummarizeCategorySubtreeAndMerchant() {
        String merchant = "m-" + UUID.randomUUID().toString().substring(0, 8);
        UUID cheap = UUID.randomUUID();
        UUID dear = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        stream.publish("ProductCreated", cheap, 0, CatalogStream.product(cheap, child, merchant, 1_000, 0));
        stream.publish("ProductCreated", dear, 0, CatalogStream.product(dear, root, merchant, 9_000, 2));
        stream.publish("ProductCreated", gone, 0, CatalogStream.product(gone, child, merchant, 50, 1));
        stream.publish("ProductDeleted", gone, 1, CatalogStream.product(gone, child, merchant, 50, 1));
        stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), dear, 4, "2026-01-01T00:00:00Z"));

        String merchantPath = "/api/views/merchants/" + merchant + "/summary";
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(merchantPath).statusCode() == 200
                && given().get(merchantPath).<Integer>path("productCount") == 2
                && given().get(merchantPath).path("avgRating") != null);
        given().get(merchantPath).then()
                .body("stockValueCents", equalTo(18_000))
                .body("avgRating", equalTo(4.0f))
                .body("categoryCounts." + child, equalTo(1))
                .body("categoryCounts." + root, equalTo(1))
                .body("categoryCountsNextCursor", nullValue());
        given().get("/api/views/categories/" + root + "/summary").then()
                .statusCode(200)
                .header("Cache-Tag", equalTo("view:categories"))
                .body("productCount", equalTo(2))
                .body("inStockCount", equalTo(1))
                .body("minPriceCents", equalTo(1_000))
                .body("maxPriceCents", equalTo(9_000))
                .body("avgPriceCents", equalTo(5_000))
                .body("reviewCount", equalTo(1))
                .body("topProducts.id", contains(dear.toString(), cheap.toString()));
        given().get("/api/views/categories/" + child + "/summary").then()
                .body("productCount", equalTo(1))
                .body("avgRating", nullValue());
    }

    @Test
    void shouldClaimEventLeftPendingByDeadConsumer() throws Exception {
        UUID product = UUID.randomUUID();
        awaitStatus("/api/views/categories/" + child + "/summary", 200);

        stream.publishToDeadConsumer("ProductCreated", product, CatalogStream.product(product, child, "acme", 100, 1));

        awaitStatus("/api/views/products/" + product, 200);
    }

    @Test
    void shouldDeadLetterMalformedEventAndKeepGoing() {
        String malformed = "malformed-" + UUID.randomUUID();
        stream.raw("eventId", "not-a-uuid", "type", "ProductCreated", "aggregateId", malformed);
        UUID product = UUID.randomUUID();
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, child, "acme", 100, 1));

        awaitStatus("/api/views/products/" + product, 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.deadLettersOf(malformed).size() == 1);
        assertTrue(stream.deadLettersOf(malformed).get(0).get("reason").startsWith("malformed: "));
    }

    @Test
    void shouldAnswerProblemsForUnknownAndMalformedIds() {
        given().get("/api/views/products/" + UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/api/views/products/xyz").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().get("/api/views/merchants/a%20b/summary").then().statusCode(400);
    }
}
