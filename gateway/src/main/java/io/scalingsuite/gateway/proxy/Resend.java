package io.scalingsuite.gateway.proxy;

import java.io.IOException;
import java.util.Set;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Whether a request whose upstream connection closed before any of the answer arrived is sent once more, on a fresh
 * connection. A pooled keep-alive connection can be closed by the upstream just as a request is written on it: a
 * pod that received SIGTERM closes its idle connections, an upstream restarts. The request most likely never
 * reached the service, but it may have, so only a request the service can safely receive twice is sent again:
 * <ul>
 * <li>its method is idempotent (RFC 9110, section 9.2.2): GET, HEAD, OPTIONS, TRACE, PUT, DELETE; never POST or
 * PATCH;</li>
 * <li>it has no body: request bodies stream upstream and are not kept, so a body once sent is gone (a PUT with a
 * body gets its 502 as before);</li>
 * <li>the connection closed (or was reset) before the response head; not a timeout: a silent upstream already had
 * the route's whole wait;</li>
 * <li>some of the route's timeout is left, counted from the first attempt; the resend waits for its answer no
 * longer than that, so both together wait no longer than one request may (the client still gets its 504 before
 * its own connection's idle timeout: {@link RouteTable#answerable});</li>
 * <li>the client is still there, and the route's circuit has not opened meanwhile.</li>
 * </ul>
 * The resend runs under the first attempt's circuit permit, and only its end is counted: a closed keep-alive
 * connection and then an answer is one success, two closed connections one failure.
 */
final class Resend {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private Resend() {
    }

    /** Whether {@code failure}, the first attempt's, allows a resend that may wait {@code millisLeft}. */
    static boolean allowed(HttpServerRequest in, boolean hasBody, Throwable failure, CircuitBreaker circuit,
            long millisLeft) {
        return !hasBody && IDEMPOTENT.contains(in.method()) && closedBeforeAnswer(failure) && millisLeft > 0
                && !in.response().closed() && circuit.state() != CircuitBreaker.State.OPEN;
    }

    /**
     * A failed response future: the head never arrived. Vert.x fails it with {@link HttpClosedException} when the
     * connection closes, with the I/O error when it is reset or a write fails; the client's own faults
     * ({@link LimitedBody.ClientFault}) and timeouts are neither.
     */
    static boolean closedBeforeAnswer(Throwable failure) {
        return failure instanceof HttpClosedException || failure instanceof IOException;
    }
}
