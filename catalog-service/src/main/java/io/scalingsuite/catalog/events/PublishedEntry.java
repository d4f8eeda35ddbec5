package io.scalingsuite.catalog.events;

/** An outbox row that is on the stream, as far as catalog knows: its entry's id there and the event it carries. */
record PublishedEntry(StreamId id, String eventId) {
}
