package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An upstream that closes the connection of a request without answering it, as a pod does with the keep-alive
 * connections it still holds when it stops ({@code closefirst}: only the first request for each path). A bodiless
 * idempotent request is sent once more on a fresh connection, within the route's timeout; a POST, and a PUT with a
 * body (the gateway keeps no copy of a body it streamed), is not.
 */
@QuarkusTest
class StaleConnectionTest {

    static final String CLOSING = "closing";
    /** A route whose timeout is 1 s. */
    static final String DEADLINE = "closing-deadline";
    static final List<String> ROUTES = List.of(CLOSING, DEADLINE);

    @Inject
    MeterRegistry registry;

    @Test
    void shouldResendAGetWhoseConnectionClosedBeforeTheAnswer() {
        String path = unique(CLOSING);
        double resent = count("gateway.retries.attempted", CLOSING, "closed");

        given().get(path).then().statusCode(200).body("upstream", equalTo("closing")).body("method", equalTo("GET"));

        assertEquals(2, Upstreams.count("closing", path), "the closed request and the resend");
        assertEquals(resent + 1, count("gateway.retries.attempted", CLOSING, "closed"));
    }

    @Test
    void shouldCountAnAnsweredResendAsNoUpstreamFailure() {
        double broken = count("gateway.upstream.failed", CLOSING, "broken");

        given().get(unique(CLOSING)).then().statusCode(200);

        assertEquals(broken, count("gateway.upstream.failed", CLOSING, "broken"));
        assertEquals(0, registry.find("gateway.circuit.state").tag("route", CLOSING).gauge().value(), "closed");
    }

    @Test
    void shouldResendAPutWithoutABody() {
        String path = unique(CLOSING);

        given().header("X-API-Key", TestKeys.WRITER).put(path).then().statusCode(200)
                .body("method", equalTo("PUT")).body("bodyLength", equalTo(0));

        assertEquals(2, Upstreams.count("closing", path));
    }

    @Test
    void shouldNotResendAPost() {
        String path = unique(CLOSING);
        double resent = count("gateway.retries.attempted", CLOSING, "closed");

        given().header("X-API-Key", TestKeys.WRITER).header("X-Request-Id", "closed-post-1")
                .contentType("application/json").body("{}").post(path)
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("/problems/bad-gateway")).body("requestId", equalTo("closed-post-1"));

        assertEquals(1, Upstreams.count("closing", path), "the upstream saw the POST once");
        assertEquals(resent, count("gateway.retries.attempted", CLOSING, "closed"));
    }

    @Test
    void shouldNotResendAPutWithABody() {
        String path = unique(CLOSING);

        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{\"stock\":3}").put(path)
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("/problems/bad-gateway"));

        assertEquals(1, Upstreams.count("closing", path), "its body was streamed and is gone");
    }

    @Test
    void shouldGiveTheResendOnlyWhatIsLeftOfTheRouteTimeout() {
        // The first attempt closes after 0.6 s of the route's 1 s; the resend would be answered after another 0.6 s.
        String path = unique(DEADLINE);

        given().queryParam("after", 600).get(path).then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("/problems/gateway-timeout"));

        assertEquals(2, Upstreams.count("closing", path), "resent, then no answer within what was left");
    }

    private static String unique(String route) {
        return "/api/" + route + "/closefirst/" + UUID.randomUUID();
    }

    private double count(String name, String route, String reason) {
        var counter = registry.find(name).tag("route", route).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
