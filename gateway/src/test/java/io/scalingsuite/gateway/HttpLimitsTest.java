package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

/** Body and header limits, compression, and the meters on the management port. */
@QuarkusTest
class HttpLimitsTest {

    @Test
    void shouldRefuseADeclaredBodyOverTheLimitWith413() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("text/plain").body("x".repeat(300_000))
                .post("/api/catalog/echo/too-large").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));
        assertEquals(0, ResponseCacheTest.catalogCount("/api/catalog/echo/too-large"));
    }

    @Test
    void shouldCutAChunkedBodyOverTheLimitWith413() {
        StringBuilder request = new StringBuilder("POST /api/catalog/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-API-Key: " + TestKeys.WRITER + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "y".repeat(16_384);
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        RawHttp.Answer answer = RawHttp.send(request.toString());
        assertEquals(413, answer.status());
        assertTrue(answer.body().contains("/problems/payload-too-large"), answer.body());
    }

    @Test
    void shouldAnswer431ToOversizedHeadersAsAProblemWithTheRequestId() {
        RawHttp.Answer answer = RawHttp.send("GET /api/catalog/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: big-1"
                + "\r\nX-Big: " + "z".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, answer.status());
        assertTrue(answer.head().startsWith("HTTP/1.1 431"), answer.head());
        assertTrue(answer.head().toLowerCase().contains("content-type: application/problem+json"), answer.head());
        assertTrue(answer.head().contains("X-Request-Id: big-1"), answer.head());
        assertTrue(answer.body().contains("\"type\":\"/problems/header-fields-too-large\""), answer.body());
        assertEquals(0, ResponseCacheTest.catalogCount("/api/catalog/echo/big"));
    }

    @Test
    void shouldAnswer414ToALongTargetAsAProblemWithAnHttp11StatusLine() {
        RawHttp.Answer answer = RawHttp.send("GET /api/catalog/echo?q=" + "u".repeat(5_000) + " HTTP/1.1\r\nHost: "
                + "127.0.0.1\r\nX-Request-Id: long-1\r\nConnection: close\r\n\r\n");
        assertEquals(414, answer.status());
        assertTrue(answer.head().startsWith("HTTP/1.1 414"), answer.head());
        assertTrue(answer.head().contains("X-Request-Id: long-1"), answer.head());
        assertTrue(answer.body().contains("\"type\":\"/problems/uri-too-long\""), answer.body());
    }

    @Test
    void shouldCompressForClientsThatAcceptGzip() {
        given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get("/api/catalog/chunks/100").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void shouldPublishMetersPerRouteOnTheManagementPort() {
        given().get("/api/views/echo").then().statusCode(200);
        String metrics = given().baseUri("http://127.0.0.1:" + managementPort()).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertTrue(metrics.contains(
                "http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/views\""),
                "latency histogram per route prefix, under the name every service uses");
        assertTrue(metrics.contains("gateway_circuit_state{route=\"catalog\"}"), "circuit state per route");
        given().baseUri("http://127.0.0.1:" + managementPort()).get("/q/health/ready").then().statusCode(200)
                .body(containsString("redis"));
    }

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
