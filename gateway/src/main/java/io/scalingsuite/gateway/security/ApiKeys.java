package io.scalingsuite.gateway.security;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.proxy.CallerSigner;
import io.scalingsuite.gateway.support.Sha256;

/**
 * API keys from {@code gateway.keys.*}, known only by their SHA-256 hashes: a presented key is hashed and looked
 * up, so neither configuration nor memory holds a usable key.
 */
@Singleton
public class ApiKeys {

    public static final String HEADER = "X-API-Key";
    public static final Set<String> SCOPES = Set.of("read", "write", "admin");

    /** A known key: its configured name, scopes, rate-limit tier, rate-limit bucket and identity for upstreams. */
    public record Key(String name, Set<String> scopes, String tier, String bucket, CallerSigner.Identity identity) {

        Key(String name, Set<String> scopes, String tier) {
            this(name, Set.copyOf(scopes), tier, "key:" + name,
                    new CallerSigner.Identity(name, String.join(",", new TreeSet<>(scopes))));
        }
    }

    /** By the raw 32 bytes of the hash (a ByteBuffer compares by content), so a lookup formats no hex string. */
    private final Map<ByteBuffer, Key> byHash = new HashMap<>();

    public ApiKeys(GatewayConfig config) {
        config.keys().forEach((name, key) -> {
            String hash = key.sha256().trim().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("gateway.keys." + name + ".sha256 must be 64 hex digits");
            }
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(
                        "gateway.keys.<name>: a name is 1-64 letters, digits, '.', '_' or '-'");
            }
            if (!SCOPES.containsAll(key.scopes())) {
                throw new IllegalArgumentException("gateway.keys." + name + ".scopes must be among " + SCOPES);
            }
            byHash.put(ByteBuffer.wrap(HexFormat.of().parseHex(hash)), new Key(name, key.scopes(), key.tier()));
        });
    }

    /** The key presented, or null when it is unknown. */
    public Key find(String presented) {
        return byHash.get(ByteBuffer.wrap(Sha256.digest(presented)));
    }
}
