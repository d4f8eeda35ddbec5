package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A replica behind a trusted load balancer (127.0.0.1), allowed two requests in flight. */
@QuarkusTest
@TestProfile(TightLimitsTest.Profile.class)
class TightLimitsTest {

    @Test
    void shouldShedRequestsBeyondCapacityAtOnceWith503() throws Exception {
        String slow1 = ResponseCacheTest.unique("/api/flaky/delay/700/");
        String slow2 = ResponseCacheTest.unique("/api/flaky/delay/700/");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> given().get(slow1).then().extract().statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> given().get(slow2).then().extract().statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Upstreams.count("flaky", slow1) + Upstreams.count("flaky", slow2) >= 2);

        given().get("/api/catalog/echo").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("/problems/overloaded"));
        assertEquals(200, first.get());
        assertEquals(200, second.get());
        given().get("/api/catalog/echo").then().statusCode(200);
    }

    @Test
    void shouldExtendForwardedHeadersFromATrustedProxy() {
        given().header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "shop.example").get("/api/catalog/echo").then().statusCode(200)
                .body("'h:x-forwarded-for'", equalTo("203.0.113.9, 127.0.0.1"))
                .body("'h:x-forwarded-proto'", equalTo("https"))
                .body("'h:x-forwarded-host'", equalTo("shop.example"));
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.http.max-in-flight", "2", "gateway.forwarded.trusted-proxies", "127.0.0.1");
        }
    }
}
