package io.scalingsuite.catalog.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scalingsuite.catalog.Category;

@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<Category, UUID> {

    public boolean existsBySlug(String slug) {
        return count("slug", slug) > 0;
    }

    /**
     * Inserts a category made on the first shard unless this shard has it already: a retry, or a concurrent replay
     * of the same create copying it too (a check-then-persist would fail one of them on the primary key).
     */
    public void insertCopy(Category c) {
        getEntityManager().createNativeQuery("""
                INSERT INTO {h-schema}category (id, slug, name, parent_id, version, created_at, updated_at)
                VALUES (:id, :slug, :name, :parentId, :version, :createdAt, :updatedAt)
                ON CONFLICT (id) DO NOTHING""")
                .unwrap(NativeQuery.class)
                .setParameter("id", c.id, UUID.class).setParameter("slug", c.slug).setParameter("name", c.name)
                .setParameter("parentId", c.parentId, UUID.class).setParameter("version", c.version)
                .setParameter("createdAt", c.createdAt, Instant.class)
                .setParameter("updatedAt", c.updatedAt, Instant.class)
                .executeUpdate();
    }

    /** Categories in creation order (UUIDv7), after {@code after} when given. */
    public List<Category> page(UUID after, int limit) {
        var query = after == null
                ? findAll(Sort.by("id"))
                : find("id > ?1", Sort.by("id"), after);
        return query.page(0, limit).list();
    }
}
