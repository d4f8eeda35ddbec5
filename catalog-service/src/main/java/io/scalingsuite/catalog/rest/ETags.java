package io.scalingsuite.catalog.rest;

import io.scalingsuite.catalog.api.SparseFields;

/**
 * Product ETags are the row version ({@code "3"}), which the optimistic lock already maintains; a sparse
 * representation gets its own tag ({@code "3;id,name"}) because its bytes differ.
 */
final class ETags {

    private ETags() {
    }

    static String of(long version, SparseFields fields) {
        return fields == null ? "\"" + version + "\"" : "\"" + version + ";" + fields.key() + "\"";
    }

    /** RFC 9110 weak comparison, as If-None-Match requires. */
    static boolean matchesIfNoneMatch(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || stripWeak(tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
