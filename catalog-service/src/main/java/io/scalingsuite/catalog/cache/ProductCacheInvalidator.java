package io.scalingsuite.catalog.cache;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.scalingsuite.catalog.events.ProductChanged;

/**
 * Keeps catalog's cache behind every product write (protocol in {@link WriteMarks}): inside the write's
 * transaction, before its commit, it marks the product's and the listings' generations (a 503 that rolls the write
 * back if Redis cannot take the marks); after the commit or rollback it bumps them again and removes the marks.
 * Invalidating only before the commit would let a reader re-cache the old row before the commit; only after it,
 * a failed invalidation would leave the old entry servable. The after-completion step runs before the response
 * is written, so a write that returns 2xx is already invisible in every instance's cache.
 */
@ApplicationScoped
public class ProductCacheInvalidator {

    private final WriteMarks marks;
    private final ProductCacheKeys keys;
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionManager manager;

    public ProductCacheInvalidator(WriteMarks marks, ProductCacheKeys keys,
            TransactionSynchronizationRegistry transactions, TransactionManager manager) {
        this.manager = manager;
        this.marks = marks;
        this.keys = keys;
        this.transactions = transactions;
    }

    /** Synchronous, inside the write's transaction: a refusal here propagates and rolls the write back. */
    void beforeCommit(@Observes ProductChanged changed) {
        List<String> generations = keys.generationsTouchedBy(changed.productId());
        String mark = outsideTransaction(() -> marks.mark(generations));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the mark is already there
            }

            @Override
            public void afterCompletion(int status) {
                marks.clear(generations, mark);
            }
        });
    }

    /**
     * Redis answers on an event loop, to which context propagation would carry the write's transaction: that
     * thread must not join it (a rollback then fails and leaves the connection's work to a later commit).
     */
    private <T> T outsideTransaction(Supplier<T> work) {
        Transaction suspended;
        try {
            suspended = manager.suspend();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        try {
            return work.get();
        } finally {
            try {
                manager.resume(suspended);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot resume the write's transaction", e);
            }
        }
    }
}
