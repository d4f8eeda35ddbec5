package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * After catalog was reloaded (make seed: versions back to 0, categories, products and reviews gone) a rebuild makes
 * the views equal to the new snapshot, and the next event of a reloaded product applies.
 */
@QuarkusTest
@TestProfile(FakeCatalogExport.class)
class ViewReloadRebuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @Test
    void shouldResetVersionsAndDropWhatTheReloadedCatalogNoLongerHas() throws Exception {
        UUID gone = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID dropped = UUID.randomUUID();
        Tree tree = tree(kept);
        CatalogStream stream = tree.stream();
        UUID root = tree.root();
        String merchant = tree.merchant();
        stream.publish("CategoryCreated", gone, 0, CatalogStream.category(gone, "g-" + gone, root));
        stream.publish("ProductCreated", kept, 0, CatalogStream.product(kept, root, merchant, 900, 1));
        stream.publish("ProductUpdated", kept, 1, CatalogStream.product(kept, root, merchant, 1_500, 1));
        stream.publish("ProductCreated", dropped, 0, CatalogStream.product(dropped, gone, merchant, 700, 2));
        stream.publish("ReviewAdded", UUID.randomUUID(), 0,
                CatalogStream.review(UUID.randomUUID(), kept, 5, "2026-02-01T00:00:00.000000Z"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + kept).statusCode() == 200
                        && given().get("/api/views/products/" + kept).<Integer>path("rating.count") == 1
                        && given().get("/api/views/products/" + dropped).statusCode() == 200);

        // catalog reloaded: the product is back at version 0 with other data; the rest is gone.
        String position = redis.execute("XREVRANGE", key, "+", "-", "COUNT", "1").get(0).get(0).toString();
        var reloaded = CatalogStream.product(kept, root, merchant, 2_000, 3);
        rebuildFrom(position, line("Category", 0, tree.rootPayload()), line("Product", 0, reloaded));

        given().get("/api/views/products/" + kept).then().statusCode(200).header("ETag", "\"0\"")
                .body("version", equalTo(0)).body("priceCents", equalTo(2_000)).body("rating.count", equalTo(0));
        given().get("/api/views/products/" + dropped).then().statusCode(404);
        given().get("/api/views/categories/" + gone + "/summary").then().statusCode(404);
        given().get("/api/views/categories/" + root + "/summary").then().statusCode(200)
                .body("productCount", equalTo(1)).body("reviewCount", equalTo(0));

        // The next write catalog makes (version 1 again) is not dropped as stale.
        stream.publish("ProductUpdated", kept, 1, CatalogStream.product(kept, root, merchant, 2_500, 3));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + kept).<Integer>path("priceCents") == 2_500);
        given().get("/api/views/products/" + kept).then().header("ETag", "\"1\"").body("version", equalTo(1));
    }

    @Test
    void shouldCountTheSnapshotsReviewsOnAProductAnEventWroteAfterTheSnapshot() throws Exception {
        UUID product = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        Tree tree = tree(product);
        CatalogStream stream = tree.stream();
        UUID root = tree.root();
        String merchant = tree.merchant();
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, root, merchant, 900, 1));
        stream.publish("ProductUpdated", product, 1, CatalogStream.product(product, root, merchant, 1_200, 1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + product).statusCode() == 200
                        && given().get("/api/views/products/" + product).<Integer>path("version") == 1);

        // A snapshot from before those events: its older product row loses, its review (never an event) counts.
        rebuildFrom("1-0", line("Category", 0, tree.rootPayload()),
                line("Product", 0, CatalogStream.product(product, root, merchant, 900, 1)),
                line("Review", 0, CatalogStream.review(review, product, 4, "2026-02-01T00:00:00.000000Z")));

        given().get("/api/views/products/" + product).then().statusCode(200).body("version", equalTo(1))
                .body("priceCents", equalTo(1_200)).body("rating.count", equalTo(1))
                .body("recentReviews.id", equalTo(List.of(review.toString())));
        given().get("/api/views/categories/" + root + "/summary").then().statusCode(200)
                .body("productCount", equalTo(1)).body("reviewCount", equalTo(1));
    }

    /** The stream, a root category already published to it, and a merchant named after {@code product}. */
    private record Tree(CatalogStream stream, UUID root, Map<String, Object> rootPayload, String merchant) {
    }

    private Tree tree(UUID product) {
        CatalogStream stream = new CatalogStream(redis, key);
        UUID root = UUID.randomUUID();
        var rootPayload = CatalogStream.category(root, "r-" + root, null);
        stream.publish("CategoryCreated", root, 0, rootPayload);
        return new Tree(stream, root, rootPayload, "m-" + product.toString().substring(0, 8));
    }

    /** Serves catalog's export (a snapshot at {@code position} with these lines) and rebuilds the views from it. */
    private static void rebuildFrom(String position, String... lines) {
        FakeCatalogExport.serve("{\"type\":\"Snapshot\",\"streamPosition\":\"" + position + "\"}\n"
                + String.join("\n", lines) + "\n{\"type\":\"End\"}\n");
        given().post("/api/views/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "done".equals(given().get("/api/views/admin/rebuild").path("state")));
    }

    private static String line(String type, long version, Map<String, Object> payload) throws Exception {
        return JSON.writeValueAsString(Map.of("type", type, "version", version, "payload", payload));
    }
}
