package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTTP server's idle timer runs while a request waits for a silent upstream: with a route timeout (10 s) longer
 * than the idle timeout (3 s), the client must still get its 504, not a connection closed without an answer.
 */
@QuarkusTest
@TestProfile(IdleTimeoutTest.ShortIdle.class)
class IdleTimeoutTest {

    @Test
    void shouldAnswer504BeforeTheIdleTimeoutClosesAWaitingClient() {
        given().get("/api/catalog/delay/6000").then().statusCode(504).contentType("application/problem+json")
                .body("status", equalTo(504));
    }

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3S", "gateway.routes.catalog.timeout", "PT10S");
        }
    }
}
