package io.scalingsuite.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys the suite's services share for {@link CallerSignature}, configured as a list of {@code <id>:<secret>}
 * (in Kubernetes one Secret value, {@code SUITE_INTERNAL_AUTH_KEYS}). The first signs; every one verifies. So a key
 * is rotated without a failed request by three rollouts: append the new key, move it first, drop the old one.
 */
public final class SigningKeys {

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** 32 characters: 128 bits even when the secret is hex (e.g. {@code openssl rand -hex 32} gives 64). */
    private static final int MIN_SECRET_LENGTH = 32;

    /** One key: its id and a MAC initialised with its secret, cloned per use (a Mac is not thread-safe). */
    public record Key(String id, Mac prototype) {

        byte[] mac(byte[] material) {
            try {
                Mac mac = (Mac) prototype.clone();
                return mac.doFinal(material);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("HmacSHA256 cannot be cloned on this JVM", e);
            }
        }
    }

    private final Map<String, Key> byId = new LinkedHashMap<>();
    private final Key signing;

    private SigningKeys(List<String> specs) {
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String id = colon < 0 ? "" : spec.substring(0, colon).trim();
            String secret = colon < 0 ? "" : spec.substring(colon + 1).trim();
            if (!KEY_ID.matcher(id).matches() || secret.length() < MIN_SECRET_LENGTH || byId.containsKey(id)) {
                // never echo the spec: it holds the secret
                throw new IllegalArgumentException("each signing key must be <id>:<secret>, with a unique id of "
                        + "letters, digits, '-' or '_' and a secret of at least " + MIN_SECRET_LENGTH + " characters");
            }
            byId.put(id, new Key(id, mac(secret)));
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is needed");
        }
        this.signing = byId.values().iterator().next();
    }

    /** {@code specs}: {@code <id>:<secret>} each, the signing key first. */
    public static SigningKeys of(List<String> specs) {
        return new SigningKeys(specs);
    }

    /** {@code spec}: the same list written as one value, comma-separated (how an environment variable holds it). */
    public static SigningKeys parse(String spec) {
        return new SigningKeys(List.of(spec.split(",")));
    }

    public Key signing() {
        return signing;
    }

    /** The key with this id, or null. */
    public Key find(String id) {
        return byId.get(id);
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
