package io.scalingsuite.contracts.events;

/** The field names of one catalog stream entry (docs/events.md, "Stream entry fields"). */
public final class StreamFields {

    /** UUIDv7, unique per event: the deduplication key. */
    public static final String EVENT_ID = "eventId";
    /** {@link CatalogEventType#wireName()}. */
    public static final String TYPE = "type";
    /** {@link CatalogEventType#aggregateType()}. */
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    /** The aggregate's version after the change. */
    public static final String VERSION = "version";
    /** ISO-8601 UTC time of the write. */
    public static final String OCCURRED_AT = "occurredAt";
    /** JSON of the type's {@link EventPayload}. */
    public static final String PAYLOAD = "payload";
    /**
     * Optional: the W3C {@code traceparent} of the write that made the event (docs/tracing.md), absent when the
     * write was not traced or the entry is older. Consumers link their span to it; the event is the same without it.
     */
    public static final String TRACEPARENT = "traceparent";
    /** Optional: the W3C {@code tracestate} that went with {@link #TRACEPARENT}, when it was not empty. */
    public static final String TRACESTATE = "tracestate";

    private StreamFields() {
    }
}
