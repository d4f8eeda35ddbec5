package io.scalingsuite.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.repository.CategoryRepository;
import io.scalingsuite.catalog.repository.shard.CategoryReplicator;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.Shards;

/**
 * The category check of a product write, inside its transaction on the merchant's shard. The category must exist
 * on the first shard's primary (the authority), whatever this shard's copy says: a copy that lags, or was left
 * behind, never lets a product into a category the authority deleted. A category the authority has but this
 * shard's copy does not yet (the shard was down when it was created) is applied here first. The product's own
 * foreign key then closes the race with a concurrent delete: see {@link CategoryDeletes}.
 */
@ApplicationScoped
public class CategoryGate {

    private final CategoryRepository categories;
    private final Shards shards;
    private final CategoryReplicator replicator;

    public CategoryGate(CategoryRepository categories, Shards shards, CategoryReplicator replicator) {
        this.categories = categories;
        this.shards = shards;
        this.replicator = replicator;
    }

    /** 422 unless the authority has the category. */
    void require(UUID categoryId, Shard shard) {
        boolean here = categories.findByIdOptional(categoryId).isPresent();
        if (shard.index() == 0) {
            if (!here) {
                throw missing(categoryId);
            }
            return;
        }
        if (!shards.onFirstPrimary(() -> categories.findByIdOptional(categoryId).isPresent())) {
            throw missing(categoryId);
        }
        if (!here) {
            replicator.replicate();
        }
    }

    static CatalogException missing(UUID categoryId) {
        return CatalogException.unprocessable("categoryId", "Category " + categoryId + " does not exist.");
    }
}
