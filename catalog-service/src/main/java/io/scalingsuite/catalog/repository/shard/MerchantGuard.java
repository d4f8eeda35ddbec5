package io.scalingsuite.catalog.repository.shard;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Keeps writes and a merchant move apart. Every write to a merchant's rows first takes the merchant's advisory
 * lock shared, in its own transaction, and checks the shard's directory: if the merchant has moved away it throws
 * {@link ShardMoved} (the service retries on the new shard). The mover takes the lock exclusively while it switches.
 */
@ApplicationScoped
public class MerchantGuard {

    /** Selects a number: Hibernate cannot type a {@code void} column, and builds an exception per call to say so. */
    private static final String LOCK = "SELECT 1 FROM pg_advisory_xact_lock_shared(hashtextextended(?1, 0))";
    private static final String MOVED_TO = "SELECT shard FROM catalog.merchant_directory WHERE merchant_id = ?1";

    private final EntityManager entityManager;
    private final Placement placement;

    public MerchantGuard(EntityManager entityManager, Placement placement) {
        this.entityManager = entityManager;
        this.placement = placement;
    }

    /** Call inside the write transaction on {@code shard}, before changing any of the merchant's rows. */
    public void enter(String merchantId, Shard shard) {
        entityManager.createNativeQuery(LOCK).setParameter(1, merchantId).getSingleResult();
        // A statement of its own: its snapshot is taken after the lock, so it sees a move that just committed.
        @SuppressWarnings("unchecked")
        List<String> row = entityManager.createNativeQuery(MOVED_TO).setParameter(1, merchantId).getResultList();
        String movedTo = row.isEmpty() ? null : row.get(0);
        if (movedTo != null && !movedTo.equals(shard.name())) {
            placement.movedMerchant(merchantId, movedTo);
            throw new ShardMoved();
        }
    }

    /**
     * For a transaction that did not find a product on its shard: {@link ShardMoved} if the product's merchant moved
     * away (the placement learns where), else {@code absent} (which may be null).
     */
    public RuntimeException missing(UUID productId, RuntimeException absent) {
        String movedTo = relocation(productId);
        if (movedTo == null) {
            return absent;
        }
        placement.movedProduct(productId, movedTo);
        return new ShardMoved();
    }

    /** Where a product that is not on its id's shard went, if it was moved (read in the current transaction). */
    private String relocation(UUID productId) {
        @SuppressWarnings("unchecked")
        List<String> shard = entityManager.createNativeQuery(
                "SELECT shard FROM catalog.product_relocation WHERE product_id = ?1").setParameter(1, productId)
                .getResultList();
        return shard.isEmpty() ? null : shard.get(0);
    }

    /** Thrown when a merchant moved to another shard while a write was on its way; the write is retried there. */
    public static final class ShardMoved extends RuntimeException {
        public ShardMoved() {
            super("merchant moved to another shard", null, false, false);
        }
    }
}
