package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every way a half-open circuit's trial can end, through the real gateway: each test opens its own route's circuit
 * (three upstream 500s; threshold 3, open 2 s, trial timeout 2 s in {@link GatewayTestResource}), lets one trial
 * through and checks what the circuit does next. Gauge {@code gateway.circuit.state}: 0 closed, 1 open, 2 half-open.
 */
@QuarkusTest
class CircuitTrialTest {

    static final String LOST = "trial-lost";
    static final List<String> ROUTES = List.of("trial-ok", "trial-fail", "trial-large", "trial-gone", LOST);

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    MeterRegistry registry;

    @Test
    void shouldCloseTheCircuitWhenTheTrialSucceeds() {
        open("trial-ok");

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> get("trial-ok", "echo") == 200);

        assertEquals(0, state("trial-ok"), "closed");
        given().get("/api/trial-ok/echo?next").then().statusCode(200).body("upstream", equalTo("circuit"));
    }

    @Test
    void shouldOpenTheCircuitAgainWhenTheTrialFails() {
        open("trial-fail");
        double opened = count("gateway.circuit.opened", "trial-fail");

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> get("trial-fail", "status/500") == 500);

        assertEquals(1, state("trial-fail"), "open again");
        assertEquals(opened + 1, count("gateway.circuit.opened", "trial-fail"));
        given().get("/api/trial-fail/echo").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("/problems/service-unavailable"));
        assertEquals(0, Upstreams.count("circuit", "/api/trial-fail/echo"), "refused without asking the upstream");
    }

    @Test
    void shouldNotStickWhenTheTrialBodyIsTooLarge() {
        open("trial-large");
        StringBuilder request = new StringBuilder("GET /api/trial-large/body HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"); // anonymous, as anyone may send it
        String chunk = "y".repeat(16_384);
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        String tooLarge = request.append("0\r\n\r\n").toString();

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> RawHttp.send(tooLarge).status() == 413);

        assertEquals(2, state("trial-large"), "half-open, the trial slot free again");
        given().get("/api/trial-large/echo").then().statusCode(200).body("upstream", equalTo("circuit"));
        assertEquals(0, state("trial-large"), "the next request was the trial, and closed the circuit");
    }

    @Test
    void shouldNotStickWhenTheClientLeavesDuringTheTrialBody() throws IOException {
        open("trial-gone");
        double opened = count("gateway.circuit.opened", "trial-gone");
        double broken = failures("trial-gone", "broken") + failures("trial-gone", "timeout");

        admitTrial("/api/trial-gone/body", "GET /api/trial-gone/body HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").close(); // gone with the body half sent

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> get("trial-gone", "echo") == 200);
        assertEquals(0, state("trial-gone"));
        assertEquals(opened, count("gateway.circuit.opened", "trial-gone"), "a client leaving is no upstream failure");
        assertEquals(broken, failures("trial-gone", "broken") + failures("trial-gone", "timeout"));
    }

    @Test
    void shouldAdmitANewTrialWhenTheTrialHasNoAnswerByTheTrialTimeout() throws IOException {
        open(LOST);

        try (Socket held = admitTrial("/api/" + LOST + "/hold",
                "GET /api/" + LOST + "/hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            // The upstream holds the trial; the route's timeout (6 s) is longer than the trial timeout (2 s).
            assertEquals(2, state(LOST));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(LOST, "echo") == 200);
            assertEquals(0, state(LOST), "the new trial closed the circuit");
        }
    }

    /** Opens the route's circuit with three upstream 500s. */
    private void open(String route) {
        for (int i = 0; i < 3; i++) {
            given().get("/api/" + route + "/status/500").then().statusCode(500).body("upstream", equalTo("circuit"));
        }
        assertEquals(1, state(route), "open");
    }

    /**
     * Sends the start of a request until the gateway lets it through as the trial (the upstream sees it) instead of
     * refusing it (an answer arrives); returns the trial's open connection.
     */
    private Socket admitTrial(String path, String requestStart) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
            int before = Upstreams.count("circuit", path);
            Socket socket = RawHttp.open(requestStart);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(
                    () -> socket.getInputStream().available() > 0 || Upstreams.count("circuit", path) > before);
            if (Upstreams.count("circuit", path) > before) {
                return socket;
            }
            socket.close();
            return null;
        }, Objects::nonNull);
    }

    private static int get(String route, String path) {
        return given().get("/api/" + route + "/" + path).then().extract().statusCode();
    }

    private double state(String route) {
        return registry.find("gateway.circuit.state").tag("route", route).gauge().value();
    }

    private double failures(String route, String reason) {
        var counter = registry.find("gateway.upstream.failed").tag("route", route).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double count(String name, String route) {
        var counter = registry.find(name).tag("route", route).counter();
        return counter == null ? 0 : counter.count();
    }
}
