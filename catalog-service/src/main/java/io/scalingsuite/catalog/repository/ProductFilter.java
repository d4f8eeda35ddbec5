package io.scalingsuite.catalog.repository;

import java.util.UUID;

/**
 * What a product listing selects and how it is ordered; every field but {@code sort} is optional.
 * {@link #canonical()} names the filter stably, for cache keys and for binding cursors to their query.
 */
public record ProductFilter(UUID categoryId, String merchantId, Long minPriceCents, Long maxPriceCents,
        Boolean inStock, ProductSort sort) {

    public String canonical() {
        return "c=" + nullToEmpty(categoryId) + "&m=" + nullToEmpty(merchantId) + "&min=" + nullToEmpty(minPriceCents)
                + "&max=" + nullToEmpty(maxPriceCents) + "&s=" + nullToEmpty(inStock) + "&o=" + sort.param();
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
