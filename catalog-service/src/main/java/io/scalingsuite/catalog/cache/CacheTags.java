package io.scalingsuite.catalog.cache;

import java.util.List;
import java.util.UUID;

/**
 * The tags catalog puts on responses ({@code Cache-Tag}) so that shared caches in front of it, the gateway's,
 * can drop exactly what a write changed. A write answers with the tags it touched and publishes them after
 * its commit on the Redis channel {@code catalog.cache.purge-channel}.
 */
public final class CacheTags {

    public static final String PRODUCTS = "products";
    public static final String CATEGORIES = "categories";

    /** What a product write touches: the product, every listing, and (on delete) its reviews. */
    public record Touched(List<String> tags) {

        public String header() {
            return String.join(",", tags);
        }
    }

    private CacheTags() {
    }

    public static String product(UUID id) {
        return "product:" + id;
    }

    public static String category(UUID id) {
        return "category:" + id;
    }

    public static String reviews(UUID productId) {
        return "reviews:" + productId;
    }

    public static Touched productWrite(UUID id) {
        return new Touched(List.of(product(id), PRODUCTS, reviews(id)));
    }

    public static Touched categoryWrite(UUID id) {
        return new Touched(List.of(category(id), CATEGORIES));
    }

    public static Touched reviewWrite(UUID productId) {
        return new Touched(List.of(reviews(productId)));
    }
}
