package io.scalingsuite.catalog.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code catalog.outbox}: an event waiting for {@link OutboxRelay} to publish it (then kept, with its stream
 * id, until every consumer group acknowledged it; see {@link OutboxKeeper}). Immutable to Hibernate: the relay
 * marks rows published in SQL of its own, and dirty-checking the JSON payload (its copy never equals a map of mixed
 * number types) turned every write's insert into an insert and an update of the whole row.
 */
@Entity
@Immutable
@Table(name = "outbox")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "aggregate_type")
    public String aggregateType;

    @Column(name = "aggregate_id")
    public UUID aggregateId;

    @Column(name = "aggregate_version")
    public long aggregateVersion;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;

    /** W3C trace context of the write (null when it was not traced): the stream entry's optional fields. */
    public String traceparent;

    public String tracestate;
}
