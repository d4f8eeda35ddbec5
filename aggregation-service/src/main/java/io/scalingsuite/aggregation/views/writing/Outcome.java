package io.scalingsuite.aggregation.views.writing;

/** What applying one event did; each is counted in {@code aggregation.events.applied{outcome}}. */
public enum Outcome {
    /** The views changed. */
    APPLIED,
    /** The event id was applied before: a redelivery. */
    DUPLICATE,
    /** The views already reflect this aggregate at the same or a newer version. */
    STALE,
    /** A review whose product has not arrived yet: kept and applied when it does. */
    PARKED,
    /** A review of a deleted product. */
    IGNORED
}
