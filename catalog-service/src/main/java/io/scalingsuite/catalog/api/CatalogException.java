package io.scalingsuite.catalog.api;

import java.util.List;

/**
 * A failure the client can act on. It carries what the problem+json answer says, so services decide
 * the meaning (not found, conflict, stale precondition) and the REST layer only renders it.
 */
public class CatalogException extends RuntimeException {

    /** One rejected input: the JSON field (or query parameter) and why. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public CatalogException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static CatalogException invalid(List<FieldError> errors) {
        return new CatalogException(400, "validation-failed", "Invalid request",
                "The request has " + errors.size() + " invalid field(s).", errors);
    }

    public static CatalogException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static CatalogException badRequest(String detail) {
        return new CatalogException(400, "bad-request", "Bad request", detail, null);
    }

    public static CatalogException notFound(String what, Object id) {
        return new CatalogException(404, "not-found", "Not found", what + " " + id + " does not exist.", null);
    }

    public static CatalogException conflict(String detail) {
        return new CatalogException(409, "conflict", "Conflict", detail, null);
    }

    public static CatalogException unprocessable(String field, String detail) {
        return new CatalogException(422, "unprocessable", "Unprocessable request", detail,
                List.of(new FieldError(field, detail)));
    }

    public static CatalogException preconditionFailed(String detail) {
        return new CatalogException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    public static CatalogException preconditionRequired(String detail) {
        return new CatalogException(428, "precondition-required", "Precondition required", detail, null);
    }

    public static CatalogException unavailable(String detail) {
        return new CatalogException(503, "service-unavailable", "Service Unavailable", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
