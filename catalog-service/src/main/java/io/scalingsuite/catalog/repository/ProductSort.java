package io.scalingsuite.catalog.repository;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a product listing supports; each but {@link #RELEVANCE} is backed by a {@code (..., column, id)} index.
 * Relevance ranks the rows a text search matched (found through the GIN index) and keeps the top ones.
 */
public enum ProductSort {
    PRICE("price", "price_cents", false),
    PRICE_DESC("-price", "price_cents", true),
    CREATED_AT("createdAt", "created_at", false),
    CREATED_AT_DESC("-createdAt", "created_at", true),
    /** Best text match first ({@code q=} only): rank computed per query, ties by descending id. */
    RELEVANCE("relevance", "relevance", true);

    private final String param;
    private final String column;
    private final boolean descending;

    ProductSort(String param, String column, boolean descending) {
        this.param = param;
        this.column = column;
        this.descending = descending;
    }

    public static Optional<ProductSort> fromParam(String value) {
        return Arrays.stream(values()).filter(s -> s.param.equals(value)).findFirst();
    }

    public String param() {
        return param;
    }

    public String column() {
        return column;
    }

    public boolean descending() {
        return descending;
    }
}
