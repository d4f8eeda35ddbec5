package io.scalingsuite.aggregation.views.reading;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The opaque keyset cursors of every paged view: the listing's scope (its filter and order) and the last row's key,
 * base64url-encoded. A cursor is accepted only by the scope that issued it, so a client cannot carry one into
 * another listing, category or merchant and get a page that silently skips or repeats rows.
 */
public final class Cursors {

    /** A cursor that does not belong to this listing. */
    public static class BadCursor extends RuntimeException {
        BadCursor() {
            super("is not a cursor issued for this listing; start again without it", null, false, false);
        }
    }

    private static final int MAX_LENGTH = 300;

    private Cursors() {
    }

    static String encode(String scope, Object... key) {
        StringBuilder raw = new StringBuilder(scope);
        for (Object part : key) {
            raw.append('|').append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of a cursor issued for {@code scope}; null without a cursor (the first page). */
    static String[] decode(String cursor, String scope, int parts) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (cursor.length() > MAX_LENGTH || !raw.startsWith(scope + "|")) {
                throw new BadCursor();
            }
            String[] key = raw.substring(scope.length() + 1).split("\\|", -1);
            if (key.length != parts) {
                throw new BadCursor();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new BadCursor();
        }
    }

    /** One key part parsed; a part that does not parse makes the cursor a bad one. */
    static <T> T part(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new BadCursor();
        }
    }
}
