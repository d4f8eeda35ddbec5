package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Small, unique fixtures created through the API itself, so tests never depend on each other's data. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    public static String category() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("slug", unique("cat").toLowerCase(), "name", "Category"))
                .post("/api/catalog/categories")
                .then().statusCode(201).extract().path("id");
    }

    /** A valid product body; callers override what they test. */
    public static Map<String, Object> product(String categoryId, String merchantId) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", unique("SKU"));
        body.put("name", "Walnut desk");
        body.put("description", "Solid walnut, 140 cm");
        body.put("priceCents", 49_900);
        body.put("currency", "EUR");
        body.put("categoryId", categoryId);
        body.put("merchantId", merchantId);
        body.put("stock", 7);
        body.put("attributes", Map.of("color", "brown"));
        return body;
    }

    public static Response create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/catalog/products")
                .then().statusCode(201).extract().response();
    }

    public static String createProduct(String categoryId, String merchantId) {
        return create(product(categoryId, merchantId)).path("id");
    }
}
