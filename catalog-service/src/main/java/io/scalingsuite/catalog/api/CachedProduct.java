package io.scalingsuite.catalog.api;

import java.util.Optional;

/**
 * A product document as the cache holds it: {@code "<version>\n<json>"}, or the empty string for "no such
 * product" (ids are server-made, so an absent id never comes into existence and may be cached as absent).
 */
public record CachedProduct(long version, String json) {

    public static String encode(long version, String json) {
        return version + "\n" + json;
    }

    public static Optional<CachedProduct> decode(String entry) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        int newline = entry.indexOf('\n');
        return Optional.of(new CachedProduct(Long.parseLong(entry, 0, newline, 10), entry.substring(newline + 1)));
    }
}
