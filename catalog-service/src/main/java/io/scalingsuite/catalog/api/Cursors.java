package io.scalingsuite.catalog.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Opaque keyset cursors. A cursor names the last row of a page (its sort value and id) and the listing it
 * came from, so a cursor replayed against another filter or sort is refused instead of skipping rows.
 */
public final class Cursors {

    /** The row a page ends with. */
    public record Position(long value, UUID id) {
    }

    private static final int MAX_LENGTH = 200;

    private Cursors() {
    }

    public static String encode(String scope, long value, UUID id) {
        String raw = "1." + scopeHash(scope) + "." + value + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position in {@code cursor}, or null when there is none; 400 when it is not one this listing issued. */
    public static Position decode(String cursor, String scope) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split("\\.", -1);
            if (parts.length != 4 || !parts[0].equals("1") || !parts[1].equals(scopeHash(scope))) {
                throw new IllegalArgumentException("foreign cursor");
            }
            return new Position(Long.parseLong(parts[2]), UUID.fromString(parts[3]));
        } catch (IllegalArgumentException e) {
            throw CatalogException.invalid("cursor", "is not a cursor issued for this listing; start again without it");
        }
    }

    private static String scopeHash(String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
