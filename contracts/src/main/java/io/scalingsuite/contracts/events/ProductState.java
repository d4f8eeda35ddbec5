package io.scalingsuite.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A product as {@code GET /api/catalog/products/{id}} returns it: the payload of every product event. */
public record ProductState(UUID id, String sku, String name, String description, long priceCents, String currency,
        UUID categoryId, String merchantId, int stock, Map<String, Object> attributes, long version,
        Instant createdAt, Instant updatedAt) implements EventPayload {
}
