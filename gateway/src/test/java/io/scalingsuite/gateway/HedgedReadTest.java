package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Routes whose first address is frozen (it accepts connections and never answers, as a process under SIGSTOP) and
 * whose second is live: a read the frozen address holds is sent again to the live one after
 * {@code gateway.upstream.hedge-after} and answered from there, not after the route's timeout; the held request is
 * reset; a write is never sent twice.
 */
@QuarkusTest
@TestProfile(HedgedReadTest.Profile.class)
class HedgedReadTest {

    static final String READS = "hedged";
    static final String WRITES = "hedgedwrite";
    static final List<String> ROUTES = List.of(READS, WRITES);

    @Inject
    MeterRegistry registry;

    @Test
    void shouldAnswerEveryReadFromTheLiveAddressWhileTheOtherIsFrozen() {
        // the first goes to the frozen address (listed first, nothing waiting anywhere); without the hedge it
        // would wait the route's 5 s and answer 504
        for (int i = 0; i < 4; i++) {
            given().get("/api/" + READS + "/echo?n=" + i).then().statusCode(200).body("upstream", equalTo("a"))
                    .body("uri", equalTo("/api/" + READS + "/echo?n=" + i));
        }
        assertTrue(hedges(READS) >= 1, "hedges sent: " + hedges(READS));
        assertEquals(4, Upstreams.count("a", "/api/" + READS + "/echo"), "one answer per read from the live address");
        // the request the frozen address held was reset, so it does not count against it until its timeout
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> waiting(READS) == 0.0);
    }

    @Test
    void shouldSendAWriteOnceWhateverItsWait() {
        given().header("X-API-Key", TestKeys.WRITER).contentType("application/json").body("{\"n\":1}")
                .post("/api/" + WRITES + "/echo").then().statusCode(504)
                .contentType("application/problem+json").body("type", equalTo("/problems/gateway-timeout"));
        assertEquals(0, Upstreams.count("a", "/api/" + WRITES + "/echo"), "the write reached the live address");
        assertEquals(0.0, hedges(WRITES));
    }

    /** Requests sent on the route and not answered, over its addresses. */
    private double waiting(String route) {
        return registry.find("gateway.upstream.waiting").tag("route", route).gauges().stream()
                .mapToDouble(Gauge::value).sum();
    }

    private double hedges(String route) {
        Counter counter = registry.find("gateway.retries.attempted").tag("route", route).tag("reason", "hedge")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upstream.hedge-after", "PT0.3S", "gateway.routes." + READS + ".timeout", "PT5S");
        }
    }
}
