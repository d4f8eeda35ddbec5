package io.scalingsuite.catalog.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.EventPayload;

/**
 * Appends events to the outbox inside the caller's transaction ({@code MANDATORY}: an event written outside
 * the write it describes could outlive a rollback). The event types and payloads are the contract's
 * ({@code contracts}' {@code events} package, described in {@code docs/events.md}).
 */
@ApplicationScoped
public class Outbox {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public Outbox(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** {@code state}: the payload the type carries, by the contract's own record ({@link CatalogEventType}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CatalogEventType type, UUID aggregateId, long version, EventPayload state) {
        if (!type.payloadType().isInstance(state)) {
            throw new IllegalArgumentException(type + " carries a " + type.payloadType().getSimpleName());
        }
        OutboxEvent event = new OutboxEvent();
        event.eventId = UuidV7.next();
        event.eventType = type.wireName();
        event.aggregateType = type.aggregateType();
        event.aggregateId = aggregateId;
        event.aggregateVersion = version;
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.payload = mapper.convertValue(state, MAP);
        entityManager.persist(event);
    }
}
