package io.scalingsuite.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scalingsuite.catalog.Review;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    /** A product's reviews newest first (UUIDv7 order), served by {@code review_product_idx}. */
    public List<Review> page(UUID productId, UUID before, int limit) {
        var sort = Sort.descending("id");
        var query = before == null
                ? find("productId = ?1", sort, productId)
                : find("productId = ?1 and id < ?2", sort, productId, before);
        return query.page(0, limit).list();
    }
}
