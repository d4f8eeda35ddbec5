package io.scalingsuite.gateway.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.vertx.core.MultiMap;

/**
 * What an upstream response allows a shared cache to do (RFC 9111): stored only with {@code public} and a
 * positive {@code s-maxage} or {@code max-age}; never with {@code no-store}, {@code private}, {@code no-cache},
 * {@code Vary: *} or {@code Set-Cookie}. {@code stale-if-error} (RFC 5861) sets how long past freshness an entry
 * may still stand in for a failing upstream. {@code Accept-Encoding} in {@code Vary} is ignored: the gateway
 * always asks upstreams for identity bodies and compresses itself; a content-coded answer is never stored.
 */
public record CachePolicy(boolean storable, long freshSeconds, long staleIfErrorSeconds, List<String> vary) {

    private static final CachePolicy NONE = new CachePolicy(false, 0, 0, List.of());

    public static CachePolicy of(int status, MultiMap headers) {
        String cacheControl = headers.get("Cache-Control");
        if (status != 200 || cacheControl == null || headers.contains("Set-Cookie") || encoded(headers)) {
            return NONE;
        }
        boolean isPublic = false;
        long maxAge = -1;
        long sMaxAge = -1;
        long staleIfError = 0;
        for (String raw : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String directive = raw.trim();
            if (directive.equals("no-store") || directive.equals("private") || directive.startsWith("private=")
                    || directive.equals("no-cache") || directive.startsWith("no-cache=")) {
                return NONE;
            }
            isPublic |= directive.equals("public");
            maxAge = directive.startsWith("max-age=") ? seconds(directive) : maxAge;
            sMaxAge = directive.startsWith("s-maxage=") ? seconds(directive) : sMaxAge;
            staleIfError = directive.startsWith("stale-if-error=") ? Math.max(0, seconds(directive)) : staleIfError;
        }
        long fresh = sMaxAge >= 0 ? sMaxAge : maxAge;
        List<String> vary = varyNames(headers.getAll("Vary"));
        if (!isPublic || fresh <= 0 || vary == null) {
            return NONE;
        }
        return new CachePolicy(true, fresh, staleIfError, vary);
    }

    /**
     * Whether the body is content-coded: the gateway asks upstreams for identity and encodes per client, so an
     * entry holds identity only and one entry serves every encoding; a coded body could reach a client that
     * cannot decode it.
     */
    private static boolean encoded(MultiMap headers) {
        String coding = headers.get("Content-Encoding");
        return coding != null && !coding.isBlank() && !coding.trim().equalsIgnoreCase("identity");
    }

    /** Lower-cased, sorted header names from {@code Vary}; null for {@code Vary: *}. */
    static List<String> varyNames(List<String> varyHeaders) {
        String joined = String.join(",", varyHeaders).toLowerCase(Locale.ROOT);
        if (joined.contains("*")) {
            return null;
        }
        return Arrays.stream(joined.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty() && !name.equals("accept-encoding")).distinct().sorted().toList();
    }

    private static long seconds(String directive) {
        try {
            return Long.parseLong(directive.substring(directive.indexOf('=') + 1).replace("\"", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
