package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;
import io.scalingsuite.contracts.Verification;

/** Every forwarded request carries the caller, its scopes and the forwarded target, signed for the services. */
@QuarkusTest
class SignedCallerTest {

    private final CallerSignature verifier = new CallerSignature(SigningKeys.of(List.of(ConfigProvider.getConfig()
            .getValue("gateway.internal-auth.keys", String.class).split(","))), Clock.systemUTC());

    @Test
    void shouldSignTheKeysNameScopesMethodAndCanonicalTarget() {
        JsonPath echo = given().urlEncodingEnabled(false).header("X-API-Key", TestKeys.WRITER).body("{}")
                .contentType("application/json")
                .post("/api/catalog/echo/%73igned?b=2&a=1").then().statusCode(200).extract().jsonPath();
        Verification verified = verifier.verify(echo.getString("'h:x-suite-caller'"), "POST",
                "/api/catalog/echo/signed?b=2&a=1", 30);
        assertEquals(Verification.Status.VALID, verified.status());
        assertEquals("writer", verified.caller());
        assertEquals(Set.of("read", "write"), verified.scopes());
    }

    @Test
    void shouldSignAnonymousReadsWithoutScopes() {
        String header = given().get("/api/catalog/echo").then().statusCode(200).extract().path("'h:x-suite-caller'");
        Verification verified = verifier.verify(header, "GET", "/api/catalog/echo", 30);
        assertTrue(verified.valid(), verified.status().name());
        assertEquals(CallerSignature.ANONYMOUS, verified.caller());
        assertEquals(Set.of(), verified.scopes());
    }

    @Test
    void shouldReplaceACallerHeaderTheClientSent() {
        String forged = "v1 kid=dev ts=1 nonce=" + "0".repeat(32) + " caller=admin scopes=admin sig=" + "A".repeat(43);
        String header = given().header(CallerSignature.HEADER, forged).get("/api/catalog/echo").then().statusCode(200)
                .extract().path("'h:x-suite-caller'");
        assertNotEquals(forged, header);
        assertEquals(CallerSignature.ANONYMOUS, verifier.verify(header, "GET", "/api/catalog/echo", 30).caller());
    }

    @Test
    void shouldUseAFreshNonceForEveryRequest() {
        String first = given().get("/api/catalog/echo").then().extract().path("'h:x-suite-caller'");
        String second = given().get("/api/catalog/echo").then().extract().path("'h:x-suite-caller'");
        assertNotEquals(verifier.verify(first, "GET", "/api/catalog/echo", 30).nonce(),
                verifier.verify(second, "GET", "/api/catalog/echo", 30).nonce());
    }
}
