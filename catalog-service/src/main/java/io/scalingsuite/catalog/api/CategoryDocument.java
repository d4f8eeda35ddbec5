package io.scalingsuite.catalog.api;

import java.time.Instant;
import java.util.UUID;

import io.scalingsuite.catalog.Category;
import io.scalingsuite.contracts.events.CategoryState;

/** A category as the API shows it. */
public record CategoryDocument(UUID id, String slug, String name, UUID parentId, long version, Instant createdAt) {

    /** The payload of this category's events: by contract the same fields as this document. */
    public CategoryState state() {
        return new CategoryState(id, slug, name, parentId, version, createdAt);
    }

    public static CategoryDocument of(Category c) {
        return new CategoryDocument(c.id, c.slug, c.name, c.parentId, c.version, c.createdAt);
    }
}
