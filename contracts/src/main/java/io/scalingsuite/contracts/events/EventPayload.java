package io.scalingsuite.contracts.events;

/** The {@code payload} of a catalog event: the aggregate's full state after the change (docs/events.md). */
public sealed interface EventPayload permits ProductState, CategoryState, CategoryChange, ReviewState {
}
