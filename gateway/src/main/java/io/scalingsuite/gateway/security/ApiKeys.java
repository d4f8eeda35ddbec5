package io.scalingsuite.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.gateway.config.GatewayConfig;

/**
 * API keys from {@code gateway.keys.*}, known only by their SHA-256 hashes: a presented key is hashed and looked
 * up, so neither configuration nor memory holds a usable key.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String HEADER = "X-API-Key";
    public static final Set<String> SCOPES = Set.of("read", "write", "admin");

    /** A known key: its configured name, scopes and rate-limit tier. */
    public record Key(String name, Set<String> scopes, String tier) {
    }

    private final Map<String, Key> byHash = new HashMap<>();

    public ApiKeys(GatewayConfig config) {
        config.keys().forEach((name, key) -> {
            String hash = key.sha256().trim().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("gateway.keys." + name + ".sha256 must be 64 hex digits");
            }
            if (!SCOPES.containsAll(key.scopes())) {
                throw new IllegalArgumentException("gateway.keys." + name + ".scopes must be among " + SCOPES);
            }
            byHash.put(hash, new Key(name, Set.copyOf(key.scopes()), key.tier()));
        });
    }

    /** The key presented, or null when it is unknown. */
    public Key find(String presented) {
        return byHash.get(sha256(presented));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
