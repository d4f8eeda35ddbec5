package io.scalingsuite.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One catalog stream entry as types: the {@link StreamFields} of the entry, its {@link CatalogEventType} and the
 * payload record that type carries. A reader parses an entry into this once, switches over {@link #type()} (the
 * compiler checks that every type is handled) and narrows the payload with {@link #as}.
 */
public record CatalogEvent<P extends EventPayload>(UUID eventId, CatalogEventType type, UUID aggregateId,
        long version, Instant occurredAt, P payload) {

    /** Refuses a payload that is not the one {@code type} carries. */
    public CatalogEvent {
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.wireName() + " carries a " + type.payloadType().getSimpleName());
        }
    }

    /** This event with its payload typed as the record its type carries. */
    @SuppressWarnings("unchecked")
    public <T extends EventPayload> CatalogEvent<T> as(Class<T> payloadType) {
        if (payloadType != type.payloadType()) {
            throw new IllegalArgumentException(type.wireName() + " carries a " + type.payloadType().getSimpleName());
        }
        return (CatalogEvent<T>) this;
    }
}
