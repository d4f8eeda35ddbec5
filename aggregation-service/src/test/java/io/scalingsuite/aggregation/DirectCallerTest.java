package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.devinfra.SignedTestRequests;

/** Rebuilds need the gateway's signed caller with scope admin, once per signature; the views stay open to reads. */
@QuarkusTest
class DirectCallerTest {

    private static final String REBUILD = "/api/views/admin/rebuild";
    private static final CallerSignature SIGNER = SignedTestRequests.signer(
            ConfigProvider.getConfig().getValue("suite.internal-auth.keys", String.class));

    @Test
    void shouldRefuseADirectRebuildAndItsStatus() {
        given().noFilters().post(REBUILD).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"))
                .body("detail", equalTo("This operation is accepted only through the gateway, with an API key."));
        given().noFilters().get(REBUILD).then().statusCode(401);
    }

    @Test
    void shouldRefuseARebuildSignedWithoutAdminScope() {
        given().noFilters().header(CallerSignature.HEADER, SIGNER.sign("POST", REBUILD, "writer", "read,write"))
                .post(REBUILD).then().statusCode(403).body("detail", equalTo("The caller lacks scope 'admin'."));
    }

    @Test
    void shouldRefuseAReplayedSignedRequest() {
        String header = SIGNER.sign("GET", REBUILD, "admin", "admin,read");
        given().noFilters().header(CallerSignature.HEADER, header).get(REBUILD).then().statusCode(200);
        given().noFilters().header(CallerSignature.HEADER, header).get(REBUILD).then().statusCode(401)
                .body("detail", equalTo("This signed request was already used."));
    }

    @Test
    void shouldLeaveViewsOpenToReads() {
        given().noFilters().get("/api/views/products?limit=1").then().statusCode(200);
    }
}
