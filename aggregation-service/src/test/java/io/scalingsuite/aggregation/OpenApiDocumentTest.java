package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document (management port) says what the endpoints answer. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String REBUILD = "paths.'/api/views/admin/rebuild'";

    @Test
    void shouldDescribeTheRebuildAsAcceptedOrConflict() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);

        given().get("http://localhost:" + port + "/q/openapi?format=json").then()
                .statusCode(200)
                .body(REBUILD + ".post.responses", hasKey("202"))
                .body(REBUILD + ".post.responses", hasKey("409"))
                .body(REBUILD + ".post.responses", not(hasKey("200")));
    }

    @Test
    void shouldListTheClientErrorsOfEveryViewsRead() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String document = given().get("http://localhost:" + port + "/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(document);
        java.util.Map<String, java.util.Map<String, Object>> paths = json.getMap("paths");
        java.util.List<String> reads = paths.keySet().stream()
                .filter(p -> p.startsWith("/api/views/") && !p.startsWith("/api/views/admin")).toList();
        org.junit.jupiter.api.Assertions.assertEquals(6, reads.size(), "views reads: " + reads);
        for (String path : reads) {
            java.util.Map<String, Object> responses = json.getMap("paths.'" + path + "'.get.responses");
            org.junit.jupiter.api.Assertions.assertTrue(responses.containsKey("200") && responses.containsKey("400"),
                    path + " answers " + responses.keySet());
            org.junit.jupiter.api.Assertions.assertEquals(path.contains("{id}"), responses.containsKey("404"),
                    path + " answers " + responses.keySet());
        }
    }
}
