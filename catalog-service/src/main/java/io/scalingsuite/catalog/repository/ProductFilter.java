package io.scalingsuite.catalog.repository;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.scalingsuite.catalog.api.AttributeFilter;
import io.scalingsuite.catalog.api.TextQuery;

/**
 * What a product listing selects and how it is ordered; every field but {@code sort} is optional ({@code attributes}
 * empty when there are none, {@code text} null without a search). {@link #canonical()} names the filter stably, for
 * cache keys and for binding cursors to their query.
 */
public record ProductFilter(UUID categoryId, String merchantId, Long minPriceCents, Long maxPriceCents,
        Boolean inStock, List<AttributeFilter> attributes, TextQuery text, ProductSort sort) {

    public ProductFilter {
        attributes = attributes.stream().distinct().sorted().toList();
    }

    /** A listing without attribute filters or search. */
    public ProductFilter(UUID categoryId, String merchantId, Long minPriceCents, Long maxPriceCents, Boolean inStock,
            ProductSort sort) {
        this(categoryId, merchantId, minPriceCents, maxPriceCents, inStock, List.of(), null, sort);
    }

    public String canonical() {
        String plain = "c=" + nullToEmpty(categoryId) + "&m=" + nullToEmpty(merchantId) + "&min="
                + nullToEmpty(minPriceCents) + "&max=" + nullToEmpty(maxPriceCents) + "&s=" + nullToEmpty(inStock)
                + "&o=" + sort.param();
        if (attributes.isEmpty() && text == null) {
            // as before search existed, so cursors and cache entries of plain listings keep their names
            return plain;
        }
        return plain + "&a=" + attributes.stream().map(AttributeFilter::containment).collect(Collectors.joining(","))
                + "&q=" + (text == null ? "" : text.canonical());
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
