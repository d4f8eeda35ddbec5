package io.scalingsuite.aggregation.views.writing;

import java.util.UUID;

/**
 * What one product adds to the category and merchant sums. An event moves a product from one contribution to
 * another (old subtracted, new added), so sums change by deltas and nothing is ever recounted.
 */
public record Contribution(UUID categoryId, String merchantId, long products, long inStock, long priceCents,
        long stockValueCents, long reviews, long ratingSum) {

    public static Contribution of(UUID categoryId, String merchantId, long priceCents, int stock, long reviews,
            long ratingSum) {
        return new Contribution(categoryId, merchantId, 1, stock > 0 ? 1 : 0, priceCents, priceCents * stock,
                reviews, ratingSum);
    }

    public static Contribution review(UUID categoryId, String merchantId, int rating) {
        return new Contribution(categoryId, merchantId, 0, 0, 0, 0, 1, rating);
    }

    /** Whether {@code other} counts in the same category and merchant as this one. */
    public boolean sameKeys(Contribution other) {
        return categoryId.equals(other.categoryId) && merchantId.equals(other.merchantId);
    }

    /** This contribution less {@code other}, which counts in the same category and merchant. */
    public Contribution minus(Contribution other) {
        return new Contribution(categoryId, merchantId, products - other.products, inStock - other.inStock,
                priceCents - other.priceCents, stockValueCents - other.stockValueCents, reviews - other.reviews,
                ratingSum - other.ratingSum);
    }

    public Contribution negate() {
        return new Contribution(categoryId, merchantId, -products, -inStock, -priceCents, -stockValueCents, -reviews,
                -ratingSum);
    }
}
