package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Routing, round-robin, streaming and the headers the gateway adds, strips and propagates. */
@QuarkusTest
class ProxyRoutingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void shouldForwardPathAndQueryUnchanged() {
        given().get("/api/catalog/echo?b=2&a=1").then().statusCode(200)
                .body("uri", equalTo("/api/catalog/echo?b=2&a=1"))
                .body("method", equalTo("GET"))
                .body("upstream", oneOf("a", "b"));
    }

    @Test
    void shouldSendEachRouteToItsOwnUpstream() {
        given().get("/api/views/echo").then().statusCode(200).body("upstream", equalTo("c"));
    }

    @Test
    void shouldBalanceRoundRobinOverAddresses() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(given().get("/api/catalog/echo").then().statusCode(200).extract().path("upstream"));
        }
        assertEquals(Set.of("a", "b"), seen);
    }

    @Test
    void shouldServeHttp2CleartextClients() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/api/views/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, answer.version(), "h2c upgrade accepted");
    }

    @Test
    void shouldStreamChunkedResponses() {
        String body = given().get("/api/catalog/chunks/200").then().statusCode(200).extract().asString();
        assertEquals(200, body.lines().count());
    }

    @Test
    void shouldPassSmallFixedLengthBodiesWhole() throws Exception {
        assertFixedLengthBody(500); // read whole, then answered in one write
    }

    @Test
    void shouldPassLargeFixedLengthBodiesWhole() throws Exception {
        assertFixedLengthBody(200_000); // above the whole-read size: piped as it arrives
    }

    /** Without Accept-Encoding (rest-assured always asks for gzip), so the upstream's own length must arrive. */
    private static void assertFixedLengthBody(int length) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/catalog/bytes/" + length);
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(length), answer.headers().firstValue("Content-Length").orElse(null));
        assertEquals("0123456789".repeat(length / 10), answer.body());
    }

    @Test
    void shouldStripHopByHopHeadersBothWays() {
        given().header("Connection", "keep-alive, X-Client-Hop").header("X-Client-Hop", "secret")
                .header("Proxy-Authorization", "Basic eDp5").header("X-API-Key", TestKeys.READER)
                .get("/api/catalog/echo").then().statusCode(200)
                .header("X-Secret-Hop", nullValue())
                .body("'h:x-client-hop'", nullValue())
                .body("'h:proxy-authorization'", nullValue())
                .body("'h:x-api-key'", nullValue());
    }

    @Test
    void shouldReplaceForwardedHeadersFromUntrustedClients() {
        given().header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .get("/api/catalog/echo").then().statusCode(200)
                .body("'h:x-forwarded-for'", equalTo("127.0.0.1"))
                .body("'h:x-forwarded-proto'", equalTo("http"))
                .body("'h:x-forwarded-host'", not(equalTo("evil.example")));
    }

    @Test
    void shouldPropagateRequestIdAndContinueTheTrace() {
        given().header("X-Request-Id", "req-42").header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .get("/api/catalog/echo").then().statusCode(200)
                .header("X-Request-Id", "req-42")
                .body("'h:x-request-id'", equalTo("req-42"))
                .body("'h:traceparent'", matchesPattern("00-" + TRACE_ID + "-(?!00f067aa0ba902b7)[0-9a-f]{16}-01"));
    }

    @Test
    void shouldCreateRequestIdAndTraceWhenMissingOrInvalid() {
        given().header("X-Request-Id", "bad id\twith spaces").header("traceparent", "garbage")
                .get("/api/catalog/echo").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("'h:traceparent'", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void shouldAnswerUnroutedPathsWithProblem404() {
        for (String path : new String[] { "/", "/q/health", "/q/metrics", "/api", "/api/catalogue/x", "/api/other" }) {
            given().header("X-Request-Id", "r-404").get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/not-found"))
                    .body("status", equalTo(404))
                    .body("requestId", equalTo("r-404"));
        }
    }

    @Test
    void shouldRejectPathTricksWithProblem400() {
        String[] tricks = { "/api/catalog/../q/health", "/api/catalog/%2e%2e/q/health", "/api/catalog/%2E%2e/echo",
                "/api/catalog//echo", "/api/catalog/%2fq%2fhealth", "/api/catalog/..;/echo", "/api/catalog/.",
                "/api/views/..%2fcatalog/echo", "/api/catalog/%252e%252e/echo" };
        for (String trick : tricks) {
            RawHttp.Answer answer = RawHttp.get(trick);
            assertEquals(400, answer.status(), trick);
            org.junit.jupiter.api.Assertions.assertTrue(answer.head().contains("application/problem+json"), trick);
            org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("/problems/bad-path"), trick);
        }
    }
}
