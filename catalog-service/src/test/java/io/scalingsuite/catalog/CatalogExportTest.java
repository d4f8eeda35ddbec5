package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> export() {
        String body = given().get("/api/catalog/admin/export").then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .header("Cache-Control", "no-store")
                .extract().asString();
        return body.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }

    @Test
    void shouldExportEveryRowBetweenSnapshotAndEndLines() {
        String productId = Fixtures.createProduct(Fixtures.category(), "acme");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 9}")
                .patch("/api/catalog/products/" + productId).then().statusCode(200);
        given().contentType("application/json").body(Map.of("rating", 5)).post(
                "/api/catalog/products/" + productId + "/reviews").then().statusCode(201);

        List<JsonNode> lines = export();

        assertEquals("Snapshot", lines.get(0).get("type").asText());
        JsonNode end = lines.get(lines.size() - 1);
        assertEquals("End", end.get("type").asText());
        assertEquals(end.get("products").asLong(), count(lines, "Product"));
        assertEquals(end.get("reviews").asLong(), count(lines, "Review"));
        assertEquals(end.get("categories").asLong(), count(lines, "Category"));
        JsonNode product = lines.stream().filter(l -> l.path("payload").path("id").asText().equals(productId))
                .findFirst().orElseThrow();
        assertEquals(1, product.get("version").asLong());
        assertEquals(9, product.get("payload").get("stock").asInt());
        assertTrue(product.get("payload").get("updatedAt").asText().endsWith("Z"));
        assertTrue(lines.stream().anyMatch(l -> "Review".equals(l.get("type").asText())
                && l.get("payload").get("productId").asText().equals(productId)));
    }

    private static long count(List<JsonNode> lines, String type) {
        return lines.stream().filter(l -> type.equals(l.get("type").asText())).count();
    }
}
