package io.scalingsuite.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scalingsuite.catalog.Category;

@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<Category, UUID> {

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
