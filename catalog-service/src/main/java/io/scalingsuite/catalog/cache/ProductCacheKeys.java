package io.scalingsuite.catalog.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * The Redis key layout. Braces are Redis Cluster hash tags: a product's generation and entries share a slot,
 * so the one-round-trip lookup script stays valid on a cluster.
 * <pre>
 *   {prefix}:{product:ID}:gen        generation of one product
 *   {prefix}:{product:ID}:vGEN       the product document
 *   {prefix}:{listing}:gen           generation of all listing pages (any product write bumps it)
 *   {prefix}:{listing}:vGEN:SHA256   one listing page
 * </pre>
 */
@ApplicationScoped
public class ProductCacheKeys {

    private final String prefix;

    public ProductCacheKeys(CatalogConfig config) {
        this.prefix = config.cache().keyPrefix();
    }

    public CacheKey product(UUID id) {
        String tag = prefix + ":{product:" + id + "}";
        return new CacheKey("product", tag + ":gen", tag + ":v", "");
    }

    public CacheKey listing(String canonicalQuery) {
        String tag = prefix + ":{listing}";
        return new CacheKey("listing", tag + ":gen", tag + ":v", ":" + sha256(canonicalQuery));
    }

    /** The generations a write to this product must bump: its own, and every listing page's. */
    public List<String> generationsTouchedBy(UUID productId) {
        return List.of(product(productId).generationKey(), prefix + ":{listing}:gen");
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
