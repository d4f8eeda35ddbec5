package io.scalingsuite.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scalingsuite.catalog.Product;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    /** One index probe; Panache's {@code count} would build its count query anew on every call. */
    public boolean existsBySku(String sku) {
        return !getEntityManager().createQuery("select 1 from Product p where p.sku = ?1", Integer.class)
                .setParameter(1, sku).setMaxResults(1).getResultList().isEmpty();
    }

    /** Whether a product on this shard is in the category (one index probe). */
    public boolean existsInCategory(UUID categoryId) {
        return find("categoryId", categoryId).firstResultOptional().isPresent();
    }

    /**
     * Runs a keyset page built by {@link ProductListingQuery}: one index range scan, never OFFSET. A ranked page's
     * products carry their {@link Product#relevance}. Read-only: the page is rendered and dropped, so its entities
     * need no snapshot for a dirty check that never runs.
     */
    @SuppressWarnings("unchecked")
    public List<Product> page(ProductListingQuery listing) {
        Query query = listing.ranked() ? getEntityManager().createNativeQuery(listing.sql(), Product.RANKED)
                : getEntityManager().createNativeQuery(listing.sql(), Product.class);
        query.setHint(HibernateHints.HINT_READ_ONLY, true);
        List<Object> params = listing.params();
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        if (!listing.ranked()) {
            return query.getResultList();
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> {
            Product product = (Product) row[0];
            product.relevance = (Float) row[1];
            return product;
        }).toList();
    }
}
