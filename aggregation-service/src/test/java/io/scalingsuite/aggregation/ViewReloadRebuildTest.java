package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

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

    @Inject
    DataSource dataSource;

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
        String position = lastStreamId();
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

    @Test
    void shouldRewriteNoRowWhenTheViewsAlreadyEqualTheSnapshot() throws Exception {
        UUID product = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        Tree tree = tree(product);
        var payload = CatalogStream.product(product, tree.root(), tree.merchant(), 900, 1);
        var reviewPayload = CatalogStream.review(review, product, 4, "2026-02-01T00:00:00.000000Z");
        tree.stream().publish("ProductCreated", product, 0, payload);
        tree.stream().publish("ReviewAdded", review, 0, reviewPayload);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + product).statusCode() == 200
                        && given().get("/api/views/products/" + product).<Integer>path("rating.count") == 1);
        String position = lastStreamId();
        String[] snapshot = { line("Category", 0, tree.rootPayload()), line("Product", 0, payload),
                line("Review", 0, reviewPayload) };
        rebuildFrom(position, snapshot);
        String written = rowVersion(product);

        rebuildFrom(position, snapshot);

        assertEquals(written, rowVersion(product), "the second rebuild rewrote a card equal to the snapshot's");
        given().get("/api/views/products/" + product).then().statusCode(200).body("version", equalTo(0))
                .body("rating.count", equalTo(1)).body("recentReviews.id", equalTo(List.of(review.toString())));
    }

    @Test
    void shouldRecomputeOnlyTheTombstonesWhoseReviewsTheReloadChanged() throws Exception {
        UUID plain = UUID.randomUUID();
        UUID reviewed = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        Tree tree = tree(reviewed);
        tree.stream().publish("ProductCreated", plain, 0,
                CatalogStream.product(plain, tree.root(), tree.merchant(), 500, 1));
        tree.stream().publish("ProductCreated", reviewed, 0,
                CatalogStream.product(reviewed, tree.root(), tree.merchant(), 900, 1));
        tree.stream().publish("ReviewAdded", review, 0,
                CatalogStream.review(review, reviewed, 5, "2026-02-01T00:00:00.000000Z"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + plain).statusCode() == 200
                        && given().get("/api/views/products/" + reviewed).<Integer>path("rating.count") == 1);
        String position = lastStreamId();

        // catalog reloaded without either product: both become tombstones, the review goes
        rebuildFrom(position, line("Category", 0, tree.rootPayload()));
        String plainTombstone = rowVersion(plain);
        String reviewedTombstone = rowVersion(reviewed);
        rebuildFrom(position, line("Category", 0, tree.rootPayload()));

        assertEquals(plainTombstone, rowVersion(plain), "an unchanged tombstone was rewritten");
        assertEquals(reviewedTombstone, rowVersion(reviewed), "an unchanged tombstone was rewritten");
        // the tombstone's count lost the dropped review: a later write of the product starts from it
        tree.stream().publish("ProductUpdated", reviewed, 1,
                CatalogStream.product(reviewed, tree.root(), tree.merchant(), 950, 1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/views/products/" + reviewed).statusCode() == 200);
        given().get("/api/views/products/" + reviewed).then().body("priceCents", equalTo(950))
                .body("rating.count", equalTo(0)).body("recentReviews", equalTo(List.of()));
    }

    /** The id of the stream's newest entry: a snapshot taken now is at this position. */
    private String lastStreamId() {
        return redis.execute("XREVRANGE", key, "+", "-", "COUNT", "1").get(0).get(0).toString();
    }

    /** The card row's physical version ({@code xmin}): it changes whenever the row is written. */
    private String rowVersion(UUID product) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT xmin::text FROM aggregation.product_card WHERE product_id = ?")) {
            s.setObject(1, product);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next(), "no card row for " + product);
                return rows.getString(1);
            }
        }
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
