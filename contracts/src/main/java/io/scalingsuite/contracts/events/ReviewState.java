package io.scalingsuite.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A review as the API returns it: the payload of {@code ReviewAdded}. */
public record ReviewState(UUID id, UUID productId, int rating, String title, String body, Instant createdAt)
        implements
            EventPayload {
}
