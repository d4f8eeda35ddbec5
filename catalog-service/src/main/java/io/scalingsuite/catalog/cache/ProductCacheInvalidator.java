package io.scalingsuite.catalog.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.scalingsuite.catalog.events.ProductChanged;

/**
 * Invalidates after the commit, never before: invalidating inside the transaction would let a reader re-cache
 * the old row between the invalidation and the commit. The observer runs before the response is written, so a
 * write that returns 2xx is already invisible in every instance's cache.
 */
@ApplicationScoped
public class ProductCacheInvalidator {

    private final ReadThroughCache cache;
    private final ProductCacheKeys keys;

    public ProductCacheInvalidator(ReadThroughCache cache, ProductCacheKeys keys) {
        this.cache = cache;
        this.keys = keys;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProductChanged changed) {
        cache.invalidate(keys.generationsTouchedBy(changed.productId()));
    }
}
