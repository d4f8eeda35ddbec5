package io.scalingsuite.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.catalog.Category;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.CategoryDocument;
import io.scalingsuite.catalog.api.CategoryInput;
import io.scalingsuite.catalog.api.DatabaseErrors;
import io.scalingsuite.catalog.api.IfMatch;
import io.scalingsuite.catalog.api.InputValidator;
import io.scalingsuite.catalog.api.JsonErrors;
import io.scalingsuite.catalog.api.JsonMergePatch;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.events.Outbox;
import io.scalingsuite.catalog.repository.CategoryRepository;
import io.scalingsuite.catalog.repository.shard.CategoryReplicator;
import io.scalingsuite.catalog.repository.shard.Shards;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.CategoryChange;

/**
 * Renames and moves of a category: one transaction on the first shard (the authority) that checks the caller's
 * If-Match, refuses a move under the category itself or its subtree, bumps the version and appends
 * {@code CategoryUpdated} with the parent before the change; then the copies on the other shards are brought up to
 * date ({@link CategoryReplicator}; what it cannot reach now, its keeper repairs). Deletes: {@link CategoryDeletes}.
 */
@ApplicationScoped
public class CategoryEdits {

    private final CategoryRepository categories;
    private final InputValidator validator;
    private final ObjectMapper mapper;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Shards shards;
    private final CategoryReplicator replicator;

    public CategoryEdits(CategoryRepository categories, InputValidator validator, ObjectMapper mapper,
            Event<CacheTags.Touched> purges, Outbox outbox, Shards shards, CategoryReplicator replicator) {
        this.categories = categories;
        this.validator = validator;
        this.mapper = mapper;
        this.purges = purges;
        this.outbox = outbox;
        this.shards = shards;
        this.replicator = replicator;
    }

    public CategoryDocument patch(UUID id, IfMatch ifMatch, String mergePatch) {
        JsonNode patch = parse(mergePatch);
        CategoryDocument patched = shards.writeFirst(() -> {
            categories.lockCopies(); // one edit of the tree at a time: two crossing moves cannot make a cycle
            Category category = categories.findForUpdate(id)
                    .orElseThrow(() -> CatalogException.notFound("Category", id));
            ifMatch.check("category", category.version);
            return apply(category, merged(category, patch));
        });
        replicator.afterWrite();
        return patched;
    }

    private CategoryDocument apply(Category category, CategoryInput input) {
        UUID previousParent = category.parentId;
        boolean moved = !Objects.equals(input.parentId(), previousParent);
        if (!moved && input.slug().equals(category.slug) && input.name().equals(category.name)) {
            return CategoryDocument.of(category); // nothing changes: no new version, no event
        }
        if (moved && input.parentId() != null) {
            if (categories.findByIdOptional(input.parentId()).isEmpty()) {
                throw CatalogException.unprocessable("parentId",
                        "Parent category " + input.parentId() + " does not exist.");
            }
            if (categories.isSelfOrDescendant(input.parentId(), category.id)) {
                throw CatalogException.unprocessable("parentId",
                        "A category cannot move under itself or one of its descendants.");
            }
        }
        if (!input.slug().equals(category.slug) && categories.existsBySlug(input.slug())) {
            throw CatalogException.conflict("A category with slug '" + input.slug() + "' already exists.");
        }
        category.slug = input.slug();
        category.name = input.name();
        category.parentId = input.parentId();
        category.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        flush(input.slug());
        outbox.append(CatalogEventType.CATEGORY_UPDATED, category.id, category.version,
                new CategoryChange(category.id, category.slug, category.name, category.parentId, previousParent,
                        category.version, category.createdAt));
        purges.fire(CacheTags.categoryWrite(category.id));
        return CategoryDocument.of(category);
    }

    private JsonNode parse(String mergePatch) {
        try {
            JsonNode patch = mergePatch == null ? null : mapper.readTree(mergePatch);
            if (patch == null || !patch.isObject()) {
                throw CatalogException.badRequest("A merge patch must be a JSON object.");
            }
            return patch;
        } catch (JsonProcessingException e) {
            throw JsonErrors.describe(e);
        }
    }

    private CategoryInput merged(Category category, JsonNode patch) {
        CategoryInput current = new CategoryInput(category.slug, category.name, category.parentId);
        try {
            JsonNode merged = JsonMergePatch.apply(mapper.valueToTree(current), patch);
            return validator.check(mapper.treeToValue(merged, CategoryInput.class));
        } catch (JsonProcessingException e) {
            throw JsonErrors.describe(e);
        }
    }

    /** Flushes now so a lost race surfaces as 412 or 409, and the new version is known for the event. */
    private void flush(String slug) {
        try {
            categories.flush();
        } catch (OptimisticLockException e) {
            throw CatalogException.preconditionFailed("The category was changed concurrently; fetch it and retry.");
        } catch (PersistenceException e) {
            if (DatabaseErrors.violates(e, "category_slug_key")) {
                throw CatalogException.conflict("A category with slug '" + slug + "' already exists.");
            }
            throw e;
        }
    }
}
