package io.scalingsuite.gateway.proxy;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;

/** Why an upstream exchange failed; the handler turns it into a 502, 503 or 504 problem. */
public final class ProxyFailure extends RuntimeException {

    public enum Kind {
        /** The circuit is open or no address is usable: 503 at once. */
        UNAVAILABLE(null),
        /** No connection could be made to any tried address: 502. */
        CONNECT("connect"),
        /** The upstream did not answer within the route's timeout: 504. */
        TIMEOUT("timeout"),
        /** The connection broke during the exchange: 502. */
        BROKEN("broken");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        /** The {@code reason} of {@code gateway.upstream.failed}; null when no upstream was asked. */
        public String reason() {
            return reason;
        }
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public ProxyFailure(Kind kind, long retryAfterSeconds) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A failed answer in the handler's terms; the client's own faults (body too large, slow, gone) pass as is. */
    static <T> Future<T> of(Throwable cause) {
        if (cause instanceof LimitedBody.ClientFault) {
            return Future.failedFuture(cause);
        }
        return Future.failedFuture(new ProxyFailure(cause instanceof TimeoutException ? Kind.TIMEOUT : Kind.BROKEN, 1));
    }

    public Kind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
