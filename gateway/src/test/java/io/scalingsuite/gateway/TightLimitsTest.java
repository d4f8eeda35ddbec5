package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** A replica behind a trusted load balancer (127.0.0.1), allowed two requests in flight. */
@QuarkusTest
@TestProfile(TightLimitsTest.Profile.class)
class TightLimitsTest {

    @Test
    void shouldShedRequestsBeyondCapacityAtOnceWith503() throws Exception {
        // Two requests parked upstream until this test releases them, sent asynchronously by the JDK's client over
        // HTTP/1.1 (rest-assured is neither asynchronous nor safe to start on two threads at once): once both are in
        // flight the next request is shed. On a loaded machine that moment comes late: it is awaited, not assumed.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Void>>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            URI parked = URI.create("http://127.0.0.1:" + RestAssured.port
                    + ResponseCacheTest.unique("/api/catalog/park/"));
            held.add(client.sendAsync(HttpRequest.newBuilder(parked).build(), HttpResponse.BodyHandlers.discarding()));
        }
        RawHttp.Answer shed;
        try { // the probe on a connection of its own each time, never behind the held ones
            shed = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> RawHttp.get("/api/catalog/echo"), answer -> answer.status() == 503);
        } finally {
            Upstreams.releaseParked();
        }

        assertTrue(shed.head().contains("Content-Type: application/problem+json"), shed.head());
        assertTrue(shed.head().contains("Retry-After: 1"), shed.head());
        assertTrue(shed.body().contains("\"type\":\"/problems/overloaded\""), shed.body());
        for (CompletableFuture<HttpResponse<Void>> request : held) {
            assertEquals(200, request.get(30, TimeUnit.SECONDS).statusCode());
        }
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
            // parked requests must outlast a slow machine's wait for them, not time out at the route's 10 s
            return Map.of("gateway.http.max-in-flight", "2", "gateway.forwarded.trusted-proxies", "127.0.0.1",
                    "gateway.routes.catalog.timeout", "PT60S");
        }
    }
}
