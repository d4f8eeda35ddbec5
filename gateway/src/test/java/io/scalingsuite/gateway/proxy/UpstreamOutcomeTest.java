package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.scalingsuite.gateway.proxy.CircuitBreaker.Outcome;
import io.vertx.core.MultiMap;

/** What an upstream answer counts as for the route's circuit. */
class UpstreamOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = { 200, 204, 304, 400, 404, 409, 429 })
    void shouldCountAnswersBelow500AsSuccess(int status) {
        assertEquals(Outcome.SUCCESS, UpstreamOutcome.of(status, headers("application/json", false)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void shouldCountServerErrorsAsFailureEvenAsProblemsWithRetryAfter(int status) {
        assertEquals(Outcome.FAILURE, UpstreamOutcome.of(status, headers("application/problem+json", true)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/problem+json", "Application/Problem+JSON",
            "application/problem+json; charset=utf-8", "application/problem+json;charset=UTF-8" })
    void shouldCountADeliberate503AsNeutral(String contentType) {
        assertEquals(Outcome.NEUTRAL, UpstreamOutcome.of(503, headers(contentType, true)));
    }

    @Test
    void shouldCountA503WithoutRetryAfterAsFailure() {
        assertEquals(Outcome.FAILURE, UpstreamOutcome.of(503, headers("application/problem+json", false)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "text/html", "application/problem+jsonx", "" })
    void shouldCountA503ThatIsNoProblemDocumentAsFailure(String contentType) {
        assertEquals(Outcome.FAILURE, UpstreamOutcome.of(503, headers(contentType, true)));
    }

    @Test
    void shouldCountA503WithoutContentTypeAsFailure() {
        assertEquals(Outcome.FAILURE,
                UpstreamOutcome.of(503, MultiMap.caseInsensitiveMultiMap().add("Retry-After", "1")));
    }

    private static MultiMap headers(String contentType, boolean retryAfter) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", contentType);
        return retryAfter ? headers.add("Retry-After", "1") : headers;
    }
}
