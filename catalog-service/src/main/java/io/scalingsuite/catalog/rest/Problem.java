package io.scalingsuite.catalog.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.scalingsuite.catalog.api.CatalogException;

/**
 * An RFC 9457 problem document. {@code type} is a relative URI under {@code /problems/} naming the kind of
 * failure (documented in the README); {@code errors} lists each rejected field for validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<CatalogException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String type, String title, String detail, String instance) {
        return new Problem("/problems/" + type, title, status, detail, instance, List.of());
    }
}
