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
}
