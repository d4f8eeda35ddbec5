package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Anonymous clients behind trusted proxies given as CIDR ranges (127.0.0.0/30, the test client's side, and
 * fd00::/8), each limited by its own address: tier anonymous allows 2 requests per hour here.
 */
@QuarkusTest
@TestProfile(ClientAddressTest.BehindProxies.class)
class ClientAddressTest {

    private static final String ECHO = "/api/catalog/echo";

    @Test
    void shouldExtendForwardedForFromAPeerInsideATrustedRange() {
        Response response = given().header("X-Forwarded-For", "203.0.113.9").get(ECHO);
        assertEquals(200, response.statusCode());
        assertEquals("203.0.113.9, 127.0.0.1", response.jsonPath().getString("'h:x-forwarded-for'"));
        assertEquals("1", response.header("RateLimit-Remaining"), "203.0.113.9's own budget");
    }

    @Test
    void shouldReplaceAForgedForwardedForFromAPeerOutsideTheTrustedRanges() {
        Response response = fromPeer("127.0.0.9").header("X-Forwarded-For", "203.0.113.10").get(ECHO);
        assertEquals(200, response.statusCode());
        assertEquals("127.0.0.9", response.jsonPath().getString("'h:x-forwarded-for'"));
    }

    @Test
    void shouldLimitAnUntrustedPeerByItsOwnAddressWhateverItForwards() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            statuses.add(fromPeer("127.0.0.10").header("X-Forwarded-For", "198.51.100." + i).get(ECHO).statusCode());
        }
        assertEquals(List.of(200, 200, 429), statuses, "a forged address is no fresh budget");
    }

    @Test
    void shouldSkipTrustedIpv6ProxyHopsToFindTheClient() {
        // Two requests of 2001:db8::7 through different proxies of fd00::/8: one client, one budget.
        Response first = given().header("X-Forwarded-For", "2001:db8::7, fd00::1").get(ECHO);
        Response second = given().header("X-Forwarded-For", "2001:db8::7, fd12:3456::2").get(ECHO);
        assertEquals(List.of(200, 200), List.of(first.statusCode(), second.statusCode()));
        assertEquals(List.of("1", "0"),
                List.of(first.header("RateLimit-Remaining"), second.header("RateLimit-Remaining")));
        assertEquals("2001:db8::7, fd12:3456::2, 127.0.0.1", second.jsonPath().getString("'h:x-forwarded-for'"));
    }

    @Test
    void shouldGiveEachOfAThousandClientsBehindOneTrustedProxyItsOwnBudget() throws Exception {
        // 3,000 requests over one kept-alive connection, as a proxy sends them (rest-assured opens one per request)
        HttpClient proxy = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI echo = URI.create("http://127.0.0.1:" + RestAssured.port + ECHO);
        List<String> wrong = new ArrayList<>();
        for (int client = 0; client < 1000; client++) {
            String address = "198.18." + (client / 256) + "." + (client % 256);
            for (int request = 1; request <= 3; request++) {
                HttpResponse<Void> response = proxy.send(HttpRequest.newBuilder(echo)
                        .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.discarding());
                String got = response.statusCode() + " remaining "
                        + response.headers().firstValue("RateLimit-Remaining").orElse(null);
                String expected = (request < 3 ? "200" : "429") + " remaining " + (request < 3 ? 2 - request : 0);
                if (!got.equals(expected)) {
                    wrong.add(address + " request " + request + ": " + got + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
                wrong.size() + " of 3,000 answers differ: each anonymous client has its own 2 requests per hour");
    }

    /** Requests sent from another loopback address, which lies outside 127.0.0.0/30. */
    private static RequestSpecification fromPeer(String address) {
        try {
            // Apache HttpClient 4's route parameter (ConnRoutePNames.LOCAL_ADDRESS): the socket's source address
            return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName(address))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static class BehindProxies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.forwarded.trusted-proxies", "127.0.0.0/30,fd00::/8",
                    "gateway.rate-limit.tiers.anonymous.limit", "2",
                    "gateway.rate-limit.tiers.anonymous.period", "PT1H");
        }
    }
}
