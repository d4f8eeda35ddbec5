package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and OpenAPI live on the management port, never on the API port. */
@QuarkusTest
class ManagementInterfaceTest {

    private static String management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port + path;
    }

    @Test
    void shouldReportReadyWithNamedChecks() {
        given().get(management("/q/health/ready")).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("postgresql"))
                .body("checks.find { it.name == 'redis-cache' }.data.reachable", equalTo(true));
    }

    @Test
    void shouldExposeCacheDatabaseAndHttpMetrics() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().get("/api/catalog/products/" + id).then().statusCode(200);
        given().get("/api/catalog/products/" + id).then().statusCode(200);

        given().get(management("/q/metrics")).then()
                .statusCode(200)
                .body(containsString("catalog_cache_gets_total{kind=\"product\",result=\"hit\"}"))
                .body(containsString("catalog_db_loads_seconds_count{kind=\"product\"}"))
                .body(containsString("http_server_requests_seconds_bucket"))
                .body(containsString("uri=\"/api/catalog/products/{id}\""));
    }

    @Test
    void shouldDocumentEveryEndpointInOpenApi() {
        given().get(management("/q/openapi?format=json")).then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/api/catalog/products/{id}"))
                .body("paths.keySet()", hasItem("/api/catalog/products/{productId}/reviews"))
                .body("paths.keySet()", hasItem("/api/catalog/categories"))
                .body("paths['/api/catalog/products/{id}'].patch.responses.keySet()", hasItem("412"))
                .body("paths['/api/catalog/categories'].post.parameters.name", hasItem("Idempotency-Key"))
                .body(containsString("application/problem+json"));
    }

    @Test
    void shouldKeepManagementOffTheApiPort() {
        given().get("/q/health").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
