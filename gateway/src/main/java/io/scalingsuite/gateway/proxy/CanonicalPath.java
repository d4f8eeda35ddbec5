package io.scalingsuite.gateway.proxy;

import io.vertx.ext.web.RoutingContext;

/**
 * The one spelling of a request path that the gateway decides on (route, admin scope, cache key) and forwards, so
 * that no upstream can route a request somewhere the gateway did not check. The services decode percent-encoding,
 * drop dot segments, empty segments, {@code ;} parameters and a trailing slash before they route; here:
 * <ul>
 * <li>percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, every other encoding is
 * kept with upper-case hex, and encoded bytes above 0x7F must be well-formed, shortest-form UTF-8;</li>
 * <li>a trailing slash is dropped;</li>
 * <li>anything that would still be read differently is refused (null): dot segments (also encoded), empty
 * segments, {@code ;}, encoded {@code /}, {@code \} or {@code %} (double encoding), control characters, and raw
 * characters a path may not hold.</li>
 * </ul>
 * Case is kept: the services route case-sensitively, as the route table does.
 */
public final class CanonicalPath {

    private static final String KEY = "gateway.canonical-path";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalPath() {
    }

    /** The canonical form of a raw path, the same instance when it is canonical already (the usual case); or null. */
    public static String of(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return null;
        }
        String decoded = raw.indexOf('%') < 0 ? raw : decode(raw);
        if (decoded == null) {
            return null;
        }
        int length = decoded.length();
        int start = 1; // first character of the current segment
        for (int i = 1; i <= length; i++) {
            if (i < length && decoded.charAt(i) != '/') {
                if (!allowedRaw(decoded.charAt(i))) {
                    return null;
                }
                continue;
            }
            int size = i - start;
            boolean dots = (size == 1 && decoded.charAt(start) == '.')
                    || (size == 2 && decoded.charAt(start) == '.' && decoded.charAt(start + 1) == '.');
            if (dots || (size == 0 && i < length)) {
                return null;
            }
            start = i + 1;
        }
        return length > 1 && decoded.charAt(length - 1) == '/' ? decoded.substring(0, length - 1) : decoded;
    }

    /** Stores the exchange's canonical path (set once, by the router, before anything else reads it). */
    public static void set(RoutingContext ctx, String canonical) {
        ctx.put(KEY, canonical);
    }

    /** The exchange's canonical path; the raw path only for requests answered before the router ran. */
    public static String get(RoutingContext ctx) {
        String canonical = ctx.get(KEY);
        return canonical != null ? canonical : ctx.request().path();
    }

    /** The request target to forward: the canonical path and the query exactly as the client sent it. */
    public static String target(RoutingContext ctx) {
        String query = ctx.request().query();
        return query == null ? get(ctx) : get(ctx) + "?" + query;
    }

    private static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int value = byteAt(raw, i);
            if (value < 0 || value == '/' || value == '\\' || value == '%' || value < 0x20 || value == 0x7F) {
                return null;
            }
            if (unreserved((char) value)) {
                out.append((char) value);
                i += 2;
            } else if (value < 0x80) {
                appendEncoded(out, value);
                i += 2;
            } else {
                int end = utf8SequenceEnd(raw, i);
                if (end < 0) {
                    return null;
                }
                for (; i < end; i += 3) {
                    appendEncoded(out, byteAt(raw, i));
                }
                i--;
            }
        }
        return out.toString();
    }

    /**
     * Where the percent-encoded UTF-8 sequence starting at {@code at} ends, or -1 when it is not one well-formed,
     * shortest-form character (RFC 3629: no overlong forms such as {@code %C0%AE}, no surrogates, nothing above
     * U+10FFFF).
     */
    private static int utf8SequenceEnd(String raw, int at) {
        int lead = byteAt(raw, at);
        int count = lead >= 0xC2 && lead <= 0xDF ? 1
                : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
        if (count < 0) {
            return -1;
        }
        int second = byteAt(raw, at + 3);
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return -1;
        }
        for (int k = 2; k <= count; k++) {
            int next = byteAt(raw, at + 3 * k);
            if (next < 0x80 || next > 0xBF) {
                return -1;
            }
        }
        return at + 3 * (count + 1);
    }

    /** The byte encoded as {@code %XX} at {@code at}, or -1. */
    private static int byteAt(String raw, int at) {
        if (at + 2 >= raw.length() || raw.charAt(at) != '%') {
            return -1;
        }
        int high = hexDigit(raw.charAt(at + 1));
        int low = hexDigit(raw.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static void appendEncoded(StringBuilder out, int value) {
        out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
    }

    /** RFC 3986 pchar, raw: unreserved, sub-delims but {@code ;}, {@code :} and {@code @}; plus kept encodings. */
    private static boolean allowedRaw(char c) {
        return unreserved(c) || c == '%' || c == ':' || c == '@' || c == '!' || c == '$' || c == '&' || c == '\''
                || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == '=';
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    /** ASCII hex only ({@code Character.digit} would also take full-width and other Unicode digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
