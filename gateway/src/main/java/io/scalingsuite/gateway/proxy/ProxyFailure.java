package io.scalingsuite.gateway.proxy;

/** Why an upstream exchange failed; the handler turns it into a 502, 503 or 504 problem. */
public final class ProxyFailure extends RuntimeException {

    public enum Kind {
        /** The circuit is open or no address is usable: 503 at once. */
        UNAVAILABLE,
        /** No connection could be made to any tried address: 502. */
        CONNECT,
        /** The upstream did not answer within the route's timeout: 504. */
        TIMEOUT,
        /** The connection broke during the exchange: 502. */
        BROKEN
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public ProxyFailure(Kind kind, long retryAfterSeconds) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
