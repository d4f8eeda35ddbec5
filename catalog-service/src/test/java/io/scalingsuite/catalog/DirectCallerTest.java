package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.devinfra.SignedTestRequests;

/**
 * Behind the gateway, catalog still checks who is calling: writes and admin operations need the gateway's signed
 * caller header with the right scope, each signature is good for one request, and reads stay open.
 */
@QuarkusTest
class DirectCallerTest {

    private static final CallerSignature SIGNER = SignedTestRequests.signer(
            ConfigProvider.getConfig().getValue("suite.internal-auth.keys", String.class));

    /** Without the test's own signing filter: exactly what a pod that reaches catalog directly can send. */
    private static RequestSpecification direct() {
        return given().noFilters().contentType(ContentType.JSON);
    }

    @Test
    void shouldRefuseADirectWriteWithoutSignatureAndCreateNothing() {
        String sku = Fixtures.unique("DIRECT");
        Map<String, Object> body = Fixtures.product(Fixtures.category(), "direct");
        body.put("sku", sku);
        direct().body(body).post("/api/catalog/products").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"))
                .body("detail", equalTo("This operation is accepted only through the gateway, with an API key."));
        given().get("/api/catalog/products?merchantId=direct").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldRefuseADirectAdminCall() {
        direct().get("/api/catalog/admin/export").then().statusCode(401).contentType("application/problem+json");
        direct().post("/api/catalog/admin/merchants/acme/move?to=s0").then().statusCode(401);
    }

    @Test
    void shouldRefuseAnAdminCallSignedWithoutAdminScope() {
        String header = SIGNER.sign("GET", "/api/catalog/admin/export", "writer", "read,write");
        direct().header(CallerSignature.HEADER, header).get("/api/catalog/admin/export").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("The caller lacks scope 'admin'."));
    }

    @Test
    void shouldRefuseAReplayedSignedRequest() {
        String header = SIGNER.sign("GET", "/api/catalog/admin/export", "admin", "admin,read");
        direct().header(CallerSignature.HEADER, header).get("/api/catalog/admin/export").then().statusCode(200);
        direct().header(CallerSignature.HEADER, header).get("/api/catalog/admin/export").then().statusCode(401)
                .body("detail", equalTo("This signed request was already used."));
    }

    @Test
    void shouldRefuseASignatureMadeForAnotherTarget() {
        String header = SIGNER.sign("GET", "/api/catalog/products", "admin", "admin,read");
        direct().header(CallerSignature.HEADER, header).get("/api/catalog/admin/export").then().statusCode(401)
                .body("detail", equalTo("The request's caller signature is not valid for this service."));
        String write = SIGNER.sign("DELETE", "/api/catalog/products", "writer", "read,write");
        direct().header(CallerSignature.HEADER, write).post("/api/catalog/products").then().statusCode(401);
    }

    @Test
    void shouldRefuseAnExpiredSignature() {
        long minuteAgo = System.currentTimeMillis() / 1000 - 60;
        String header = SIGNER.sign("GET", "/api/catalog/admin/export", "admin", "admin", minuteAgo,
                "0123456789abcdef0123456789abcdef");
        direct().header(CallerSignature.HEADER, header).get("/api/catalog/admin/export").then().statusCode(401);
    }

    @Test
    void shouldLeaveReadsOpen() {
        String id = Fixtures.createProduct(Fixtures.category(), "open-reads");
        direct().get("/api/catalog/products/" + id).then().statusCode(200).body("id", equalTo(id));
        direct().get("/api/catalog/categories").then().statusCode(200);
    }
}
