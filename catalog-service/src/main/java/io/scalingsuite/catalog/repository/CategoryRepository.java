package io.scalingsuite.catalog.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scalingsuite.catalog.Category;

@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<Category, UUID> {

    /** The advisory lock key, on the first shard, that serializes category deletes with copy repairs. */
    public static final long COPIES_LOCK = 7307;

    /** Takes {@link #COPIES_LOCK} until the end of the current transaction (which must be on the first shard). */
    public void lockCopies() {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) l")
                .setParameter("key", COPIES_LOCK).getSingleResult();
    }

    /**
     * The category, its row locked FOR UPDATE until the end of the transaction. Not Hibernate's PESSIMISTIC_WRITE,
     * which is FOR NO KEY UPDATE on PostgreSQL and lets a product insert's foreign key check (FOR KEY SHARE) through:
     * FOR UPDATE waits for every uncommitted product that references the row, and holds off new ones.
     */
    public Optional<Category> findForUpdate(UUID id) {
        boolean found = !getEntityManager()
                .createNativeQuery("SELECT CAST(id AS text) FROM {h-schema}category WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList().isEmpty();
        return found ? findByIdOptional(id) : Optional.empty();
    }

    public boolean hasChildren(UUID id) {
        return find("parentId", id).firstResultOptional().isPresent();
    }

    /** Whether {@code candidate} is {@code id} or lies below it: walks up from the candidate to its root. */
    public boolean isSelfOrDescendant(UUID candidate, UUID id) {
        Object found = getEntityManager().createNativeQuery("""
                WITH RECURSIVE up(id, parent_id) AS (
                    SELECT id, parent_id FROM {h-schema}category WHERE id = :candidate
                    UNION
                    SELECT c.id, c.parent_id FROM {h-schema}category c JOIN up ON c.id = up.parent_id)
                SELECT count(*) FROM up WHERE id = :id""")
                .setParameter("candidate", candidate).setParameter("id", id).getSingleResult();
        return ((Number) found).longValue() > 0;
    }

    /** Deletes this shard's copy of a category (the authority's row is deleted through the entity). */
    public int deleteCopy(UUID id) {
        return getEntityManager().createNativeQuery("DELETE FROM {h-schema}category WHERE id = :id")
                .setParameter("id", id).executeUpdate();
    }

    public boolean existsBySlug(String slug) {
        return count("slug", slug) > 0;
    }

    /** Categories in creation order (UUIDv7), after {@code after} when given. */
    public List<Category> page(UUID after, int limit) {
        var query = after == null
                ? findAll(Sort.by("id"))
                : find("id > ?1", Sort.by("id"), after);
        return query.page(0, limit).list();
    }
}
