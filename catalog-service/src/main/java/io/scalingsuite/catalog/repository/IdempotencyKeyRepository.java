package io.scalingsuite.catalog.repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * {@code catalog.idempotency_key} through the same {@link EntityManager} (and so the same transaction and
 * connection) as the create it guards. A record is identified by key, caller and scope (the route). {@link #claim} uses {@code INSERT … ON CONFLICT}: a concurrent duplicate
 * waits on the primary key until the first transaction ends, then either sees the committed row or, after a
 * rollback, claims the key itself.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdempotencyKeyRepository {

    /** A committed record: what the first request sent (its fingerprint) and what it was answered. */
    public record Recorded(String fingerprint, Integer status, String response) {
    }

    private final EntityManager entityManager;

    public IdempotencyKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** True when this transaction now owns the key (new, or expired and taken over); false when it is recorded. */
    public boolean claim(String key, String caller, String scope, String fingerprint, Duration retention) {
        return entityManager.createNativeQuery("""
                INSERT INTO {h-schema}idempotency_key AS k (idem_key, caller, scope, fingerprint, created_at)
                VALUES (:key, :caller, :scope, :fingerprint, now())
                ON CONFLICT (idem_key, caller, scope) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                    status = NULL, resource_id = NULL, response = NULL, created_at = now()
                WHERE k.created_at < now() - make_interval(secs => :retention)""")
                .setParameter("key", key).setParameter("caller", caller).setParameter("scope", scope)
                .setParameter("fingerprint", fingerprint).setParameter("retention", (double) retention.toSeconds())
                .executeUpdate() == 1;
    }

    public Optional<Recorded> find(String key, String caller, String scope) {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT fingerprint, status, CAST(response AS text) FROM {h-schema}idempotency_key
                WHERE idem_key = :key AND caller = :caller AND scope = :scope""")
                .setParameter("key", key).setParameter("caller", caller).setParameter("scope", scope)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Recorded(((String) columns[0]).trim(),
                    columns[1] == null ? null : ((Number) columns[1]).intValue(), (String) columns[2]);
        });
    }

    public void complete(String key, String caller, String scope, int status, UUID resourceId, String responseJson) {
        entityManager.createNativeQuery("""
                UPDATE {h-schema}idempotency_key SET status = :status, resource_id = :resourceId,
                    response = CAST(:response AS jsonb)
                WHERE idem_key = :key AND caller = :caller AND scope = :scope""")
                .setParameter("status", (short) status).setParameter("resourceId", resourceId)
                .setParameter("response", responseJson).setParameter("key", key).setParameter("caller", caller)
                .setParameter("scope", scope).executeUpdate();
    }

    /** Deletes records older than the retention, at most {@code batch} at a time; returns how many went. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int deleteExpired(Duration retention, int batch) {
        return entityManager.createNativeQuery("""
                DELETE FROM {h-schema}idempotency_key WHERE ctid IN (SELECT ctid FROM {h-schema}idempotency_key
                    WHERE created_at < now() - make_interval(secs => :retention) LIMIT :batch)""")
                .setParameter("retention", (double) retention.toSeconds()).setParameter("batch", batch)
                .executeUpdate();
    }
}
