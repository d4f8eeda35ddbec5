package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** API keys and scopes: reads are open, writes need a key with scope write, unknown keys are refused. */
@QuarkusTest
class AccessTest {

    @Test
    void shouldLetAnonymousClientsRead() {
        given().get("/api/catalog/echo").then().statusCode(200);
        given().head("/api/catalog/echo").then().statusCode(200);
    }

    @Test
    void shouldAnswer401ToWritesWithoutKey() {
        given().header("X-Request-Id", "w-1").body("{}").post("/api/catalog/echo").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")
                .body("type", equalTo("/problems/unauthorized"))
                .body("requestId", equalTo("w-1"));
        assertNothingReached("/api/catalog/echo/none");
    }

    @Test
    void shouldAnswer401ToUnknownKeysEvenOnReads() {
        given().header("X-API-Key", "guessed").get("/api/catalog/echo").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("The API key is not valid."));
    }

    @Test
    void shouldAnswer403ToWritesWithAKeyLackingWriteScope() {
        for (String method : new String[] { "POST", "PUT", "PATCH", "DELETE" }) {
            given().header("X-API-Key", TestKeys.READER).body("{}").request(method, "/api/catalog/echo").then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("/problems/forbidden"));
        }
    }

    @Test
    void shouldForwardWritesWithWriteScopeAndStreamTheBody() {
        String body = "x".repeat(200_000);
        given().header("X-API-Key", TestKeys.WRITER).contentType("text/plain").body(body)
                .put("/api/catalog/echo").then().statusCode(200)
                .body("method", equalTo("PUT"))
                .body("bodyLength", equalTo(200_000))
                .body("'h:x-api-key'", equalTo(null));
    }

    @Test
    void shouldRequireAdminScopeOnAdminPathsForEveryMethod() {
        given().get("/api/catalog/admin/export").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("This needs an API key with scope 'admin' in the X-API-Key header."));
        given().header("X-API-Key", TestKeys.WRITER).get("/api/views/admin/rebuild").then().statusCode(403)
                .body("detail", equalTo("This API key lacks scope 'admin'."));
        given().header("X-API-Key", TestKeys.ADMIN).get("/api/catalog/admin/export").then().statusCode(200)
                .body("uri", equalTo("/api/catalog/admin/export"));
        given().header("X-API-Key", TestKeys.ADMIN).post("/api/views/admin/rebuild").then().statusCode(200)
                .body("method", equalTo("POST"));
        given().get("/api/catalog/administrators").then().statusCode(200);
    }

    private static void assertNothingReached(String path) {
        org.junit.jupiter.api.Assertions.assertEquals(0, ResponseCacheTest.catalogCount(path));
    }
}
