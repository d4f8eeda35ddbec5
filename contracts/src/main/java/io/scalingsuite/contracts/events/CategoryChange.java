package io.scalingsuite.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The payload of {@code CategoryUpdated}: the category's full state after the change, plus the parent it had
 * before, so a consumer can move a subtree's aggregates from the old ancestors to the new ones without having to
 * trust its own copy of the tree. {@code parentId} and {@code previousParentId} are null for a root; they are equal
 * when the change was a rename only.
 */
public record CategoryChange(UUID id, String slug, String name, UUID parentId, UUID previousParentId, long version,
        Instant createdAt) implements EventPayload {

    /** The category after the change, as {@code CategoryCreated} carries it. */
    public CategoryState state() {
        return new CategoryState(id, slug, name, parentId, version, createdAt);
    }

    /** Whether the category moved to another parent. */
    public boolean moved() {
        return parentId == null ? previousParentId != null : !parentId.equals(previousParentId);
    }
}
