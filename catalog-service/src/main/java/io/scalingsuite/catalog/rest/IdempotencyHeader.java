package io.scalingsuite.catalog.rest;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.service.idempotency.IdempotentCreates;
import io.scalingsuite.internalauth.CallerFilter;

/** The {@code Idempotency-Key} request header and the {@code Idempotency-Replayed} answer header. */
final class IdempotencyHeader {

    static final String KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    /** The OpenAPI description of the header on every create. */
    static final String DESCRIPTION = "1-255 printable ASCII, e.g. a UUID. A retry by the same caller with the same "
            + "key and body gets the first answer again (Idempotency-Replayed: true); another body is refused (422). "
            + "Keys are per caller and route.";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyHeader() {
    }

    /**
     * The key as sent, with the caller CallerFilter verified from the signed header (never a name the client
     * chose), or 400 when the key is empty, longer than 255 characters or not printable ASCII.
     */
    static IdempotentCreates.Key check(String key, ContainerRequestContext request) {
        if (!VALID.matcher(key).matches()) {
            throw CatalogException.invalid(KEY, "must be 1 to 255 printable ASCII characters, e.g. a UUID");
        }
        if (!(request.getProperty(CallerFilter.CALLER) instanceof String caller)) {
            throw new IllegalStateException("A write reached a resource without a verified caller");
        }
        return new IdempotentCreates.Key(caller, key);
    }

    static Response.ResponseBuilder mark(Response.ResponseBuilder answer, IdempotentCreates.Created<?> created) {
        return created.replayed() ? answer.header(REPLAYED, "true") : answer;
    }
}
