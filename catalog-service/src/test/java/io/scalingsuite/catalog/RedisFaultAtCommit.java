package io.scalingsuite.catalog;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.scalingsuite.catalog.events.ProductChanged;

/**
 * Hurts Redis at the worst moment for the cache: a product write has marked the cache and is about to commit, so
 * its after-commit step will find Redis frozen or gone. Armed once by a test; inert otherwise.
 */
@ApplicationScoped
public class RedisFaultAtCommit {

    private static final AtomicReference<Runnable> NEXT = new AtomicReference<>();

    static void arm(Runnable fault) {
        NEXT.set(fault);
    }

    void beforeCommit(@Observes(during = TransactionPhase.BEFORE_COMPLETION) ProductChanged changed) {
        Runnable fault = NEXT.getAndSet(null);
        if (fault != null) {
            fault.run();
        }
    }
}
