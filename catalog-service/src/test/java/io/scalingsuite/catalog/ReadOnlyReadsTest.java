package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.shard.Shards;

/**
 * Reads run in read-only sessions (issue 21): Hibernate keeps no snapshot of what a read loads, so it has nothing
 * to compare or flush at commit, and whatever a read does to a loaded entity never reaches PostgreSQL.
 */
@QuarkusTest
class ReadOnlyReadsTest {

    private static final String PRODUCTS = "/api/catalog/products/";

    @Inject
    Shards shards;

    @Inject
    ProductRepository products;

    @Test
    void shouldNeverWriteWhatAReadChangedOnALoadedProduct() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        UUID productId = UUID.fromString(id);

        shards.readProduct(productId, null, () -> products.findByIdOptional(productId).map(p -> {
            p.name = "Changed inside a read";
            p.attributes.put("color", "changed");
            return p;
        }));

        // a write (If-Match "0") still sees version 0: nothing was flushed, not even a version bump
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 3}")
                .patch(PRODUCTS + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Walnut desk")).body("attributes.color", equalTo("brown"));
    }
}
