package io.scalingsuite.aggregation.contract;

import java.util.UUID;

/**
 * The {@code Cache-Tag} grammar of the views, shared with the gateway's cache: a response names the tags it depends
 * on, a purge names the tags whose responses changed. Both are spelled here, so they cannot drift apart.
 */
public final class ViewTags {

    /** Every product card listing. */
    public static final String PRODUCTS = "view:products";
    /** Every category summary and top list. */
    public static final String CATEGORIES = "view:categories";
    /** Every merchant summary. */
    public static final String MERCHANTS = "view:merchants";

    private ViewTags() {
    }

    /** The card of one product. */
    public static String product(UUID productId) {
        return "view:product:" + productId;
    }

    /**
     * Every product card that embeds the category: a card names each category of its path, so renaming or moving a
     * category purges its whole subtree's cards with this one tag.
     */
    public static String category(UUID categoryId) {
        return "view:category:" + categoryId;
    }

    /** The summary of one merchant. */
    public static String merchant(String merchantId) {
        return "view:merchant:" + merchantId;
    }

    /** Several tags as one header value or purge message. */
    public static String all(String... tags) {
        return String.join(",", tags);
    }
}
