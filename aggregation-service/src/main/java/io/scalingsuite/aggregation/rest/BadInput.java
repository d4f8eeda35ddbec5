package io.scalingsuite.aggregation.rest;

import java.util.UUID;
import java.util.regex.Pattern;

/** A path or query parameter the client got wrong: 400 naming it. */
public class BadInput extends RuntimeException {

    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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

    static String merchantId(String field, String value) {
        if (!MERCHANT_ID.matcher(value).matches()) {
            throw new BadInput(field, "must be 1-64 letters, digits, '-' or '_'");
        }
        return value;
    }
}
