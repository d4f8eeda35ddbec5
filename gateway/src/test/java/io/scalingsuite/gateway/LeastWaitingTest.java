package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Each request goes to the upstream address with the fewest requests waiting for an answer: an address that holds
 * one (as a frozen process holds every request it gets) receives none of the next while the other holds none, and
 * once answered, or timed out, it counts as free again.
 */
@QuarkusTest
class LeastWaitingTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldSendNothingToTheAddressThatHoldsARequestUntilItAnswers() throws Exception {
        // sent asynchronously by the JDK's client (rest-assured is not asynchronous); it waits upstream until released
        String park = ResponseCacheTest.unique("/api/catalog/park/");
        CompletableFuture<HttpResponse<Void>> held = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + park))
                        .build(), HttpResponse.BodyHandlers.discarding());
        Set<String> served;
        String holder;
        try {
            holder = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Upstreams.count("a", park) > 0 ? "a" : Upstreams.count("b", park) > 0 ? "b" : null,
                            Objects::nonNull);
            served = upstreamsOfTenEchoes();
        } finally {
            Upstreams.releaseParked();
        }
        assertEquals(Set.of(holder.equals("a") ? "b" : "a"), served, "upstream " + holder + " held a request");
        assertEquals(200, held.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(Set.of("a", "b"), upstreamsOfTenEchoes(), "both again once neither holds one");
    }

    @Test
    void shouldCountARequestThatTimedOutAsAnsweredOnItsAddress() {
        given().get("/api/flaky/delay/3000").then().statusCode(504); // the route's timeout is 1 s
        assertEquals(0.0, registry.find("gateway.upstream.waiting").tag("route", "flaky").gauge().value());
    }

    private static Set<String> upstreamsOfTenEchoes() {
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            served.add(given().get("/api/catalog/echo").then().statusCode(200).extract().path("upstream"));
        }
        return served;
    }
}
