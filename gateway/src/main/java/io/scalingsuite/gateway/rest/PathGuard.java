package io.scalingsuite.gateway.rest;

import java.util.Locale;

/**
 * Refuses raw request paths that could reach another route or an upstream's internals once some server decodes
 * or normalizes them: dot segments (also percent-encoded), empty segments ({@code //}), encoded slashes and
 * backslashes, encoded percent signs (double decoding), NUL bytes. The path is then forwarded byte for byte.
 */
public final class PathGuard {

    private PathGuard() {
    }

    public static boolean isSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25") || lower.contains("%00")) {
            return false;
        }
        String decodedDots = lower.replace("%2e", ".");
        String[] segments = decodedDots.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !last)) {
                return false;
            }
            if (segment.contains(";")) {
                return false; // matrix parameters: some servers strip them before matching ("/..;/")
            }
        }
        return true;
    }
}
