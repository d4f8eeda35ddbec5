package io.scalingsuite.aggregation.rest;

import java.util.UUID;

/** A path or query parameter the client got wrong: 400 naming it. */
public class BadInput extends RuntimeException {

    private final String field;

    public BadInput(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static UUID uuid(String field, String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new BadInput(field, "must be a UUID");
    }
}
