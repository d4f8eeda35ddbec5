package io.scalingsuite.catalog.rest;

import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import io.scalingsuite.catalog.service.CatalogException;
import io.scalingsuite.catalog.service.IdempotentCreates;

/** The {@code Idempotency-Key} request header and the {@code Idempotency-Replayed} answer header. */
final class IdempotencyHeader {

    static final String KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyHeader() {
    }

    /** The key as sent, or 400 when it is empty, longer than 255 characters or not printable ASCII. */
    static String check(String key) {
        if (!VALID.matcher(key).matches()) {
            throw CatalogException.invalid(KEY, "must be 1 to 255 printable ASCII characters, e.g. a UUID");
        }
        return key;
    }

    static Response.ResponseBuilder mark(Response.ResponseBuilder answer, IdempotentCreates.Created<?> created) {
        return created.replayed() ? answer.header(REPLAYED, "true") : answer;
    }
}
