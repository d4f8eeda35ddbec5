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

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.EventPayload;
import io.scalingsuite.contracts.events.StreamFields;

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
        traceContext(event);
        entityManager.persist(event);
    }

    /**
     * The current span's (the write's REST span), for the relay and the consumers to link to; none untraced. The
     * stream fields are named after the W3C headers.
     */
    private static void traceContext(OutboxEvent event) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), event, (row, name, value) -> {
            if (name.equals(StreamFields.TRACEPARENT)) {
                row.traceparent = value;
            } else if (name.equals(StreamFields.TRACESTATE)) {
                row.tracestate = value;
            }
        });
    }
}
