package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code gateway.consistency-cookie.enabled}, the read-your-writes token rides in a cookie between requests. */
@QuarkusTest
@TestProfile(ConsistencyCookieTest.CookieOn.class)
class ConsistencyCookieTest {

    private static final String TOKEN = "djE7czA9MC8xNkIzRjIw";

    @Test
    void shouldSetAWritesTokenAsAnHttpOnlyCookie() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{}")
                .post("/api/catalog/echo?token=" + TOKEN).then().statusCode(200)
                .header("X-Consistency-Token", TOKEN)
                .header("Set-Cookie",
                        allOf(containsString("ss-consistency=" + TOKEN), containsStringIgnoringCase("httponly"),
                                containsString("SameSite=Lax"), containsString("Max-Age=300"),
                                containsString("Path=/")));
    }

    @Test
    void shouldSendTheCookiesTokenUpstreamAsTheHeader() {
        given().cookie("ss-consistency", TOKEN).get("/api/catalog/echo/cookie-read").then().statusCode(200)
                .body("'h:x-consistency-token'", equalTo(TOKEN));
    }

    @Test
    void shouldPreferAHeaderTheClientSentOverTheCookie() {
        given().cookie("ss-consistency", TOKEN).header("X-Consistency-Token", "bmV3ZXI")
                .get("/api/catalog/echo/header-wins").then().statusCode(200)
                .body("'h:x-consistency-token'", equalTo("bmV3ZXI"));
    }

    @Test
    void shouldIgnoreACookieThatIsNoToken() {
        given().cookie("ss-consistency", "a%0d%0aX-Evil:1").get("/api/catalog/echo/bad-cookie").then()
                .statusCode(200).body("'h:x-consistency-token'", nullValue());
    }

    public static class CookieOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.consistency-cookie.enabled", "true");
        }
    }
}
