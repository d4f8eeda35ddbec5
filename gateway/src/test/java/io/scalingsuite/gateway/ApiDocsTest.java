package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** One OpenAPI document for the public API, with the gateway's own answers, and Swagger UI showing it. */
@QuarkusTest
class ApiDocsTest {

    @Test
    void shouldMergeServiceDocumentsKeepingOnlyRoutedPaths() {
        given().get("/api/openapi").then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("Scaling Suite API"))
                .body("paths", hasKey("/api/catalog/things"))
                .body("paths", hasKey("/api/catalog/admin/export"))
                .body("paths", not(hasKey("/q/health")))
                .body("components.schemas", hasKey("Thing"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("tags.name", org.hamcrest.Matchers.hasItem("things"));
    }

    @Test
    void shouldDescribeKeysOnWritesAndAdminPathsOnly() {
        given().get("/api/openapi").then().statusCode(200)
                .body("paths.'/api/catalog/things'.post.security[0]", hasKey("apiKey"))
                .body("paths.'/api/catalog/things'.post.responses.'401'.$ref",
                        equalTo("#/components/responses/Gateway401"))
                .body("paths.'/api/catalog/things'.get.security", nullValue())
                .body("paths.'/api/catalog/admin/export'.get.security[0]", hasKey("apiKey"))
                .body("paths.'/api/catalog/things'.get.responses.'429'.$ref",
                        equalTo("#/components/responses/Gateway429"))
                .body("components.responses.Gateway429.headers.'Retry-After'", notNullValue());
    }

    @Test
    void shouldRefuseAnUnknownOrRevokedKeyOnTheDocuments() {
        for (String path : new String[] { "/api/openapi", "/api/docs/", "/api/docs/swagger-ui-bundle.js" }) {
            given().header("X-API-Key", "revoked-or-made-up").get(path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The API key is not valid."));
        }
        given().header("X-API-Key", TestKeys.READER).get("/api/openapi").then().statusCode(200);
    }

    @Test
    void shouldServeSwaggerUiForTheMergedDocument() {
        given().get("/api/docs/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("url: '/api/openapi'"));
        given().get("/api/docs/swagger-ui-bundle.js").then().statusCode(200)
                .body(containsString("SwaggerUIBundle"));
    }
}
