package io.scalingsuite.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every way an attacker might spell a path so that the gateway and the service behind it read it differently:
 * each letter of the route's own words percent-encoded (upper- and lower-case hex), a trailing slash (both of which
 * the gateway must read as the canonical path), and double encoding, {@code //}, {@code /./}, {@code /x/../},
 * {@code ;x=1} and overlong UTF-8 (which it must refuse with 400), and an upper-case prefix (no route: 404).
 * Placeholders such as {@code {P}} are left alone: ids do not decide routing or scope.
 */
final class PathSpellings {

    /** How the gateway must treat a spelling: as the canonical path, as a bad path, or as no route at all. */
    enum Reading {
        CANONICAL, BAD_PATH, NO_ROUTE
    }

    record Spelling(String path, Reading reading) {
    }

    private PathSpellings() {
    }

    /** {@code template}: a path such as {@code /api/catalog/products/{P}/reviews}, optionally with a query. */
    static List<Spelling> of(String template) {
        int queryAt = template.indexOf('?');
        String path = queryAt < 0 ? template : template.substring(0, queryAt);
        String query = queryAt < 0 ? "" : template.substring(queryAt);
        List<Spelling> spellings = new ArrayList<>();
        spellings.add(new Spelling(template, Reading.CANONICAL));
        boolean inPlaceholder = false;
        int lastLetter = -1;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            inPlaceholder = c == '{' || (inPlaceholder && c != '}');
            if (!inPlaceholder && Character.isLetter(c)) {
                String hex = String.format("%02X", (int) c);
                spellings.add(new Spelling(replace(path, i, "%" + hex) + query, Reading.CANONICAL));
                spellings.add(new Spelling(replace(path, i, "%" + hex.toLowerCase(Locale.ROOT)) + query,
                        Reading.CANONICAL));
                lastLetter = i;
            }
        }
        char last = path.charAt(lastLetter);
        int second = path.indexOf('/', 1);
        String head = path.substring(0, second);
        String tail = path.substring(second);
        if (!path.endsWith("/")) {
            spellings.add(new Spelling(path + "/" + query, Reading.CANONICAL));
        }
        spellings.add(new Spelling(replace(path, lastLetter, String.format("%%25%02X", (int) last)) + query,
                Reading.BAD_PATH));
        spellings.add(new Spelling(replace(path, lastLetter, overlong(last)) + query, Reading.BAD_PATH));
        spellings.add(new Spelling(head + "/" + tail + query, Reading.BAD_PATH));
        spellings.add(new Spelling(head + "/." + tail + query, Reading.BAD_PATH));
        spellings.add(new Spelling(head + "/x/.." + tail + query, Reading.BAD_PATH));
        spellings.add(new Spelling(head + ";x=1" + tail + query, Reading.BAD_PATH));
        spellings.add(new Spelling(path.toUpperCase(Locale.ROOT) + query, Reading.NO_ROUTE)); // {P} stays {P}
        return spellings;
    }

    private static String replace(String path, int at, String with) {
        return path.substring(0, at) + with + path.substring(at + 1);
    }

    /** The two-byte overlong UTF-8 form of an ASCII character, which no decoder may accept (RFC 3629). */
    private static String overlong(char c) {
        return String.format("%%%02X%%%02X", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
    }
}
