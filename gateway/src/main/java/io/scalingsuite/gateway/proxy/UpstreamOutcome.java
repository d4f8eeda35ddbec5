package io.scalingsuite.gateway.proxy;

import io.scalingsuite.gateway.proxy.CircuitBreaker.Outcome;
import io.vertx.core.MultiMap;

/**
 * Whether an upstream's answer says the service is failing: the one place that decides what a route's circuit
 * and {@code gateway.upstream.failed{reason=status-5xx}} count. Failures are the answers of a service in trouble:
 * 500 (a bug), 502, 504 and any other 5xx, and a 503 that is not deliberate. A deliberate 503 is a
 * {@code application/problem+json} with {@code Retry-After}, as catalog answers when one shard is slow or its
 * database is unreachable: the service is up and saying so, and one slow listing must not close the whole route
 * (product-by-id and writes included), so it counts neither way. Anything below 500, 4xx included, is a success:
 * the service answered.
 */
public final class UpstreamOutcome {

    private static final String PROBLEM_JSON = "application/problem+json";

    private UpstreamOutcome() {
    }

    public static Outcome of(int status, MultiMap headers) {
        if (status < 500) {
            return Outcome.SUCCESS;
        }
        return status == 503 && isDeliberate(headers) ? Outcome.NEUTRAL : Outcome.FAILURE;
    }

    /** Called for 503s only, so the common answers never pay for parsing the media type. */
    private static boolean isDeliberate(MultiMap headers) {
        String type = headers.get("Content-Type");
        if (type == null || !headers.contains("Retry-After")) {
            return false;
        }
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).trim().equalsIgnoreCase(PROBLEM_JSON);
    }
}
