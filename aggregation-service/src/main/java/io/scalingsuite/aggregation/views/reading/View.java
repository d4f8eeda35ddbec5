package io.scalingsuite.aggregation.views.reading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A view document, its ETag (quoted), and the categories whose change alters it (a card: every category of its
 * path).
 */
public record View(String etag, String json, List<UUID> categories) {

    /** A view whose version changes with every change of its content: the version is its ETag. */
    static View versioned(long version, String json, List<UUID> categories) {
        return new View("\"" + version + "\"", json, categories);
    }

    /**
     * A view computed from rows that come and go (a category summary adds up whichever categories are in the subtree
     * now, so no counter of its own grows with every change): its ETag is a digest of the body itself.
     */
    static View digested(String json) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return new View("\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 22) + "\"",
                    json, List.of());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
