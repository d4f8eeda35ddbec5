package io.scalingsuite.aggregation.events;

/**
 * PostgreSQL could not be reached while applying an event: the consumer pauses and retries, and the failure never
 * counts toward dead-lettering.
 */
class TransientFailure extends RuntimeException {

    TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
