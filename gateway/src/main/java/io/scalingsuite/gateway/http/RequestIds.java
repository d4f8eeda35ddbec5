package io.scalingsuite.gateway.http;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * The request id ({@code X-Request-Id}: the client's if it is a sane token, a new UUID otherwise) and the W3C
 * {@code traceparent}: the incoming trace id is kept and the gateway's own span id becomes the parent, so the
 * upstream's spans hang under the gateway's; without a valid one a new trace starts.
 */
public final class RequestIds {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    private static final String ID_KEY = "gateway.request-id";
    private static final String TRACE_KEY = "gateway.traceparent";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    /** Assigns the request id to the exchange and echoes it on the response; the traceparent follows on demand. */
    public static void assign(RoutingContext ctx) {
        String incoming = ctx.request().getHeader(REQUEST_ID);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : randomUuid();
        ctx.put(ID_KEY, id);
        ctx.response().putHeader(HeaderNames.REQUEST_ID, id);
    }

    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(ID_KEY);
        return id == null ? "" : id;
    }

    /** Made when first asked for (only requests that go upstream need one), then the same for the exchange. */
    public static String traceparent(RoutingContext ctx) {
        String traceparent = ctx.get(TRACE_KEY);
        if (traceparent == null) {
            traceparent = traceparent(ctx.request().getHeader(TRACEPARENT));
            ctx.put(TRACE_KEY, traceparent);
        }
        return traceparent;
    }

    static String traceparent(String incoming) {
        var matcher = incoming == null ? null : TRACEPARENT_FORMAT.matcher(incoming.trim());
        if (matcher != null && matcher.matches() && !matcher.group(1).equals(ZERO_TRACE)) {
            return "00-" + matcher.group(1) + "-" + randomHex(8) + "-" + matcher.group(2);
        }
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    /**
     * Request and trace ids need to be unique, not secret: a per-thread generator instead of a shared
     * {@code SecureRandom}, which every event loop would contend on for each request.
     */
    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(buffer);
        return HEX.formatHex(buffer);
    }

    /** A version 4 (random) UUID. */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
