package io.scalingsuite.gateway.rest;

/**
 * Refuses raw request paths that could reach another route or an upstream's internals once some server decodes
 * or normalizes them: dot segments (also percent-encoded), empty segments ({@code //}), encoded slashes and
 * backslashes, encoded percent signs (double decoding), NUL bytes. The path is then forwarded byte for byte.
 */
public final class PathGuard {

    private PathGuard() {
    }

    /** One pass over the raw path, no copies: it runs on every request. */
    public static boolean isSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int length = rawPath.length();
        int segment = 0; // characters in the current segment, %2e counted as one dot
        int dots = 0;
        for (int i = 1; i <= length; i++) {
            char c = i < length ? rawPath.charAt(i) : '/';
            if (c == '/') {
                // an empty segment is allowed only at the end (a trailing slash); "." and ".." never
                if (segment == 0 ? i < length : dots == segment && dots <= 2) {
                    return false;
                }
                segment = 0;
                dots = 0;
                continue;
            }
            if (c == '\\' || c == ';') {
                return false; // ';': matrix parameters, which some servers strip before matching ("/..;/")
            }
            if (c == '%' && i + 2 < length) {
                int high = hexDigit(rawPath.charAt(i + 1));
                int low = hexDigit(rawPath.charAt(i + 2));
                int encoded = high < 0 || low < 0 ? -1 : high * 16 + low;
                if (encoded == '/' || encoded == '\\' || encoded == '%' || encoded == 0) {
                    return false;
                }
                if (encoded == '.') {
                    c = '.';
                    i += 2;
                }
            }
            segment++;
            if (c == '.') {
                dots++;
            }
        }
        return true;
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
