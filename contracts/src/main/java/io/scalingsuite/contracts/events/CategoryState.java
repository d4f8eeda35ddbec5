package io.scalingsuite.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A category as the API returns it: the payload of category events; {@code parentId} is null for a root. */
public record CategoryState(UUID id, String slug, String name, UUID parentId, long version, Instant createdAt)
        implements
            EventPayload {
}
