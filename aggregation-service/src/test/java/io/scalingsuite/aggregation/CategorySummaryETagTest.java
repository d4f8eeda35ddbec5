package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** A category summary's ETag names its content: an If-None-Match of an older content never gets a 304. */
@QuarkusTest
class CategorySummaryETagTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    private static void awaitProducts(String path, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Objects.equals(count,
                given().get(path).<Integer>path("productCount")));
    }

    @Test
    void shouldChangeETagWhenSubtreeLeavesAndAnotherChangeRestoresTheVersionSum() {
        CatalogStream stream = new CatalogStream(redis, key);
        UUID root = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID inChild = UUID.randomUUID();
        UUID inRoot = UUID.randomUUID();
        stream.publish("CategoryCreated", root, 0, CatalogStream.category(root, "e-" + root, null));
        stream.publish("CategoryCreated", child, 0, CatalogStream.category(child, "e-" + child, root));
        stream.publish("ProductCreated", inChild, 0, CatalogStream.product(inChild, child, "acme", 100, 1));
        stream.publish("ProductCreated", inRoot, 0, CatalogStream.product(inRoot, root, "acme", 200, 1));
        String path = "/api/views/categories/" + root + "/summary";
        awaitProducts(path, 2);
        String before = given().get(path).then().statusCode(200).extract().header("ETag");

        // The child leaves the subtree (one stat row fewer), then a product lands in the root (one more version).
        Map<String, Object> moved = CatalogStream.category(child, "e-" + child, null);
        moved.putAll(Map.of("previousParentId", root.toString(), "version", 1, "createdAt", "2026-01-01T00:00:00Z"));
        stream.publish("CategoryUpdated", child, 1, moved);
        awaitProducts(path, 1);
        UUID later = UUID.randomUUID();
        stream.publish("ProductCreated", later, 0, CatalogStream.product(later, root, "acme", 300, 1));
        awaitProducts(path, 2);

        given().header("If-None-Match", before).get(path).then()
                .statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("topProducts.id", containsInAnyOrder(inRoot.toString(), later.toString()));
    }
}
