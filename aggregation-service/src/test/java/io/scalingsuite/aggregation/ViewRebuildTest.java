package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A rebuild from catalog's snapshot gives the views an incremental build gives, and repairs damaged ones. */
@QuarkusTest
@TestProfile(FakeCatalogExport.class)
class ViewRebuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ViewsFixture views;

    private static JsonNode view(String path) throws Exception {
        ObjectNode view = (ObjectNode) JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
        view.remove(List.of("version", "updatedAt", "streamPosition"));
        return view;
    }

    private static String line(String type, long version, Map<String, Object> payload) throws Exception {
        return JSON.writeValueAsString(Map.of("type", type, "version", version, "payload", payload)) + "\n";
    }

    @Test
    void shouldRebuildToWhatIncrementalUpdatesBuilt() throws Exception {
        CatalogStream stream = views.stream();
        UUID root = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        String merchant = "m-" + a.toString().substring(0, 8);
        var rootPayload = CatalogStream.category(root, "r-" + root, null);
        var childPayload = CatalogStream.category(child, "c-" + child, root);
        var aV1 = CatalogStream.product(a, child, merchant, 1_500, 3, "2026-01-02T00:00:00.000000Z");
        var bV0 = CatalogStream.product(b, root, merchant, 700, 0);
        List<Map<String, Object>> reviews = List.of(
                CatalogStream.review(UUID.randomUUID(), a, 5, "2026-02-01T00:00:00.000000Z"),
                CatalogStream.review(UUID.randomUUID(), a, 3, "2026-02-02T00:00:00.000000Z"),
                CatalogStream.review(UUID.randomUUID(), b, 4, "2026-02-03T00:00:00.000000Z"));
        stream.publish("CategoryCreated", root, 0, rootPayload);
        stream.publish("CategoryCreated", child, 0, childPayload);
        stream.publish("ProductCreated", a, 0, CatalogStream.product(a, child, merchant, 900, 1));
        stream.publish("ProductUpdated", a, 1, aV1);
        stream.publish("ProductCreated", b, 0, bV0);
        stream.publish("ProductCreated", gone, 0, CatalogStream.product(gone, child, merchant, 10, 1));
        stream.publish("ProductDeleted", gone, 1, CatalogStream.product(gone, child, merchant, 10, 1));
        for (Map<String, Object> review : reviews) {
            stream.publish("ReviewAdded", UUID.randomUUID(), 0, review);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/views/products/" + b).statusCode() == 200
                && given().get("/api/views/products/" + b).<Integer>path("rating.count") == 1);
        List<String> paths = List.of("/api/views/products/" + a, "/api/views/products/" + b,
                "/api/views/categories/" + root + "/summary", "/api/views/categories/" + child + "/summary");
        List<JsonNode> incremental = new ArrayList<>();
        for (String path : paths) {
            incremental.add(view(path));
        }
        // Damage the views (wipe sums and cards, revive a deleted product), then rebuild from the snapshot.
        views.execute("DELETE FROM aggregation.category_stat; UPDATE aggregation.product_card SET card = '{}'; "
                + "UPDATE aggregation.product_card SET deleted = false WHERE product_id = '" + gone + "'");
        given().get("/api/views/products/" + gone).then().statusCode(200);
        StringBuilder export = new StringBuilder("{\"type\":\"Snapshot\",\"streamPosition\":\"99999999999999-0\"}\n");
        export.append(line("Category", 0, rootPayload)).append(line("Category", 0, childPayload))
                .append(line("Product", 1, aV1)).append(line("Product", 0, bV0));
        for (Map<String, Object> review : reviews) {
            export.append(line("Review", 0, review));
        }
        FakeCatalogExport.serve(export.append("{\"type\":\"End\"}\n").toString());

        given().post("/api/views/admin/rebuild").then().statusCode(202).body("state", equalTo("downloading"))
                .header("Location", "/api/views/admin/rebuild"); // path only: never this instance's host:port
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(given().get("/api/views/admin/rebuild")
                .path("state")));

        for (int i = 0; i < paths.size(); i++) {
            assertEquals(incremental.get(i), view(paths.get(i)), paths.get(i));
        }
        given().get("/api/views/products/" + gone).then().statusCode(404);
        given().get("/api/views/admin/rebuild").then().body("products", equalTo(2)).body("reviews", equalTo(3));
        assertEquals("aggregation-service", FakeCatalogExport.lastCaller().caller(),
                "the export is asked for as itself");
    }

    @Test
    void shouldNotAnswer304ToAMerchantSummaryETagFromBeforeARebuild() throws Exception {
        CatalogStream stream = views.stream();
        UUID category = UUID.randomUUID();
        UUID lamp = UUID.randomUUID();
        String merchant = "e-" + lamp.toString().substring(0, 8);
        String path = "/api/views/merchants/" + merchant + "/summary";
        var categoryPayload = CatalogStream.category(category, "m-" + category, null);
        stream.publish("CategoryCreated", category, 0, categoryPayload);
        stream.publish("ProductCreated", lamp, 0, CatalogStream.product(lamp, category, merchant, 100, 1));
        var lampV1 = CatalogStream.product(lamp, category, merchant, 200, 1);
        stream.publish("ProductUpdated", lamp, 1, lampV1);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get(path).statusCode() == 200
                && given().get(path).<Integer>path("stockValueCents") == 200);
        String before = given().get(path).then().extract().header("ETag");

        // A rebuild starts the merchant's counters afresh; one more change brings them back to where they were.
        FakeCatalogExport.serve("{\"type\":\"Snapshot\",\"streamPosition\":\"99999999999999-0\"}\n"
                + line("Category", 0, categoryPayload) + line("Product", 1, lampV1) + "{\"type\":\"End\"}\n");
        given().post("/api/views/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(given().get("/api/views/admin/rebuild")
                .path("state")));
        stream.publish("ProductUpdated", lamp, 2, CatalogStream.product(lamp, category, merchant, 300, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get(path).<Integer>path("stockValueCents") == 300);

        given().header("If-None-Match", before).get(path).then()
                .statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("stockValueCents", equalTo(300));
    }
}
