package io.scalingsuite.gateway.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 on the request path (API keys, cache keys) with one digest per thread: {@code MessageDigest.getInstance}
 * searches the security providers on every call.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static byte[] digest(String text) {
        return DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(String text) {
        return HEX.formatHex(digest(text));
    }
}
