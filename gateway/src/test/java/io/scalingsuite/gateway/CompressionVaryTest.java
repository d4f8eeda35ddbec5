package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway encodes every answer for the client's Accept-Encoding, so every answer varies on it, and one cached
 * entry (stored as identity) serves each client in its own encoding.
 */
@QuarkusTest
class CompressionVaryTest {

    private static RequestSpecification raw() {
        return given()
                .config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
    }

    @Test
    void shouldSayVaryAcceptEncodingOnCachedProxiedAndProblemAnswers() {
        String path = ResponseCacheTest.unique("/api/catalog/echo/vary-");
        given().queryParam("cc", "public, max-age=60").get(path).then().header("X-Cache", "MISS")
                .header("Vary", "Accept-Encoding");
        given().queryParam("cc", "public, max-age=60").get(path).then().header("X-Cache", "HIT")
                .header("Vary", "Accept-Encoding");
        given().get("/api/catalog/echo").then().statusCode(200).header("Vary", "Accept-Encoding");
        given().get("/api/nowhere").then().statusCode(404).header("Vary", "Accept-Encoding");
    }

    @Test
    void shouldAddAcceptEncodingToTheUpstreamsOwnVary() {
        given().queryParam("vary", "X-Tenant").get("/api/catalog/echo").then().statusCode(200)
                .header("Vary", equalTo("X-Tenant, Accept-Encoding"));
    }

    @Test
    void shouldServeOneCachedEntryInEachClientsEncoding() {
        String path = ResponseCacheTest.unique("/api/catalog/chunks-") + "/x";
        String cacheable = "public, max-age=60";
        given().queryParam("cc", cacheable).get(path).then().header("X-Cache", "MISS");
        raw().header("Accept-Encoding", "gzip").queryParam("cc", cacheable).get(path).then().header("X-Cache", "HIT")
                .header("Content-Encoding", "gzip");
        raw().header("Accept-Encoding", "identity").queryParam("cc", cacheable).get(path).then()
                .header("X-Cache", "HIT").header("Content-Encoding", nullValue()).body("method", equalTo("GET"));
    }

    @Test
    void shouldNotStoreAContentCodedUpstreamAnswer() {
        String path = ResponseCacheTest.unique("/api/catalog/echo/coded-");
        for (int i = 0; i < 2; i++) {
            given().queryParam("cc", "public, max-age=60").queryParam("encoding", "br").get(path).then()
                    .header("X-Cache", "MISS");
        }
    }
}
