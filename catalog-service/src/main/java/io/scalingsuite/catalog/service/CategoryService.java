package io.scalingsuite.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;

import io.scalingsuite.catalog.Category;
import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.CategoryDocument;
import io.scalingsuite.catalog.api.CategoryInput;
import io.scalingsuite.catalog.api.Cursors;
import io.scalingsuite.catalog.api.DatabaseErrors;
import io.scalingsuite.catalog.api.InputValidator;
import io.scalingsuite.catalog.api.Page;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.events.Outbox;
import io.scalingsuite.catalog.repository.CategoryRepository;
import io.scalingsuite.catalog.repository.shard.CategoryReplicator;
import io.scalingsuite.catalog.repository.shard.Shards;
import io.scalingsuite.contracts.events.CatalogEventType;

/**
 * The category tree: small reference data, written rarely and read by id or in pages. Every shard holds a copy
 * (products reference categories by foreign key). The first shard is authoritative: a write is checked and
 * committed there (with its outbox event), then {@link CategoryReplicator} applies it to the other shards' copies.
 * Renames and moves: {@link CategoryEdits}; deletes: {@link CategoryDeletes}.
 */
@ApplicationScoped
public class CategoryService {

    private static final String SCOPE = "categories";

    private final CategoryRepository categories;
    private final InputValidator validator;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Shards shards;
    private final CategoryReplicator replicator;

    public CategoryService(CategoryRepository categories, InputValidator validator, Event<CacheTags.Touched> purges,
            Outbox outbox, Shards shards, CategoryReplicator replicator) {
        this.shards = shards;
        this.replicator = replicator;
        this.categories = categories;
        this.validator = validator;
        this.purges = purges;
        this.outbox = outbox;
    }

    public CategoryDocument create(CategoryInput input) {
        return create(input, Supplier::get);
    }

    /**
     * Creates through {@code around}, inside the first shard's write transaction (an idempotent create records its
     * key there, see IdempotentCreates), then brings the other shards' copies up to date ({@link CategoryReplicator}),
     * also when {@code around} replayed an earlier answer.
     */
    public <R> R create(CategoryInput input, Function<Supplier<CategoryDocument>, R> around) {
        validator.check(input);
        R result = shards.writeFirst(() -> around.apply(() -> createNow(input)));
        replicator.afterWrite();
        return result;
    }

    private CategoryDocument createNow(CategoryInput input) {
        if (input.parentId() != null && categories.findByIdOptional(input.parentId()).isEmpty()) {
            throw CatalogException.unprocessable("parentId",
                    "Parent category " + input.parentId() + " does not exist.");
        }
        if (categories.existsBySlug(input.slug())) {
            throw CatalogException.conflict("A category with slug '" + input.slug() + "' already exists.");
        }
        Category category = new Category();
        category.id = UuidV7.next();
        category.slug = input.slug();
        category.name = input.name();
        category.parentId = input.parentId();
        category.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        category.updatedAt = category.createdAt;
        categories.persist(category);
        try {
            categories.flush();
        } catch (PersistenceException e) {
            if (DatabaseErrors.violates(e, "category_slug_key")) {
                throw CatalogException.conflict("A category with slug '" + input.slug() + "' already exists.");
            }
            throw e;
        }
        CategoryDocument created = CategoryDocument.of(category);
        outbox.append(CatalogEventType.CATEGORY_CREATED, category.id, created.version(), created.state());
        purges.fire(CacheTags.categoryWrite(category.id));
        return created;
    }

    public CategoryDocument get(UUID id) {
        return shards.readFirst(() -> categories.findByIdOptional(id).map(CategoryDocument::of)
                .orElseThrow(() -> CatalogException.notFound("Category", id)));
    }

    public Page<CategoryDocument> page(String cursor, int limit) {
        Cursors.Position after = Cursors.decode(cursor, SCOPE);
        List<Category> rows = shards.readFirst(
                () -> categories.page(after == null ? null : after.id(), limit + 1));
        boolean more = rows.size() > limit;
        List<CategoryDocument> items = rows.stream().limit(limit).map(CategoryDocument::of).toList();
        String next = more ? Cursors.encode(SCOPE, 0, items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }
}
