package io.scalingsuite.catalog.api;

import java.util.HashSet;
import java.util.Set;

/**
 * A parsed {@code If-Match} header: {@code *} or strong ETags of product or category versions ({@code "3"}).
 * Weak or malformed tags match nothing, so they give 412 rather than a silent overwrite.
 */
public record IfMatch(boolean any, Set<Long> versions) {

    /** 428 when the header is missing: writes must say which version they change. */
    public static IfMatch required(String header) {
        if (header == null || header.isBlank()) {
            throw CatalogException.preconditionRequired(
                    "This write needs an If-Match header with the current ETag of what it changes.");
        }
        return parse(header);
    }

    /** Null when the header is missing. */
    public static IfMatch optional(String header) {
        return header == null || header.isBlank() ? null : parse(header);
    }

    private static IfMatch parse(String header) {
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return new IfMatch(true, Set.of());
            }
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
                } catch (NumberFormatException ignored) {
                    // an ETag this service never issued matches no version
                }
            }
        }
        return new IfMatch(false, Set.copyOf(versions));
    }

    public void check(long currentVersion) {
        check("product", currentVersion);
    }

    /** 412 unless the header names {@code currentVersion}; {@code what} ("product", "category") for the detail. */
    public void check(String what, long currentVersion) {
        if (!any && !versions.contains(currentVersion)) {
            throw CatalogException.preconditionFailed("The " + what + " has changed (its ETag is now \""
                    + currentVersion + "\"); fetch it again and retry.");
        }
    }
}
