package io.scalingsuite.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.scalingsuite.catalog.Category;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.CategoryDocument;
import io.scalingsuite.catalog.api.IfMatch;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.events.Outbox;
import io.scalingsuite.catalog.repository.CategoryRepository;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.shard.Shards;
import io.scalingsuite.contracts.events.CatalogEventType;

/**
 * Deletes an empty category. The copies go first and the authority last, so no shard ever holds a category that
 * the authority no longer has: inside one transaction on the first shard that holds the copies' lock and the
 * category's row, it checks If-Match and that no child category and no product there uses it; then, one
 * transaction per other shard, it locks that copy (waiting for any product write there that references it) and
 * deletes it unless a product there uses it (409); then it deletes the authority's row with its
 * {@code CategoryDeleted} event and commits. A refusal on any shard rolls the authority back, and the repair pass
 * restores the copies already deleted (it waits for the lock this transaction holds). A shard that does not answer
 * refuses the delete with 503: without it, nobody can tell that none of its products use the category.
 */
@ApplicationScoped
public class CategoryDeletes {

    private static final Logger LOG = Logger.getLogger(CategoryDeletes.class);

    private final CategoryRepository categories;
    private final ProductRepository products;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Shards shards;

    public CategoryDeletes(CategoryRepository categories, ProductRepository products,
            Event<CacheTags.Touched> purges, Outbox outbox, Shards shards) {
        this.categories = categories;
        this.products = products;
        this.purges = purges;
        this.outbox = outbox;
        this.shards = shards;
    }

    public void delete(UUID id, IfMatch ifMatch) {
        shards.writeFirst(() -> {
            categories.lockCopies();
            Category category = categories.findForUpdate(id)
                    .orElseThrow(() -> CatalogException.notFound("Category", id));
            if (ifMatch != null) {
                ifMatch.check("category", category.version);
            }
            if (categories.hasChildren(id)) {
                throw inUse("child categories");
            }
            if (products.existsInCategory(id)) {
                throw inUse("products");
            }
            deleteCopies(id);
            CategoryDocument last = CategoryDocument.of(category);
            categories.delete(category);
            categories.flush();
            outbox.append(CatalogEventType.CATEGORY_DELETED, id, last.version() + 1, last.state());
            purges.fire(CacheTags.categoryWrite(id));
            return null;
        });
    }

    private void deleteCopies(UUID id) {
        try {
            shards.writeOthers(() -> {
                categories.findForUpdate(id); // waits for product writes here that reference it
                if (products.existsInCategory(id)) {
                    throw inUse("products");
                }
                categories.deleteCopy(id);
                return null;
            });
        } catch (CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Category %s not deleted: a shard's copy could not be removed: %s", id, e.getMessage());
            throw CatalogException.unavailable("Not every shard could confirm that nothing uses the category; "
                    + "nothing was deleted. Retry shortly.");
        }
    }

    private static CatalogException inUse(String what) {
        return CatalogException.conflict("The category is still used by " + what + "; it can only be deleted empty.");
    }
}
