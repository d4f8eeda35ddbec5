package io.scalingsuite.catalog.api;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Jackson's failures into client-facing errors. Jackson's own messages name Java types and classes,
 * which must never reach a client, so they are rewritten from the path and the expected JSON type.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static CatalogException describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return CatalogException.invalid(path(unknown), "is not a known field");
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return CatalogException.invalid(path(mismatch), "must be " + jsonType(mismatch.getTargetType()));
        }
        if (e instanceof DatabindException mapping && !((JsonMappingException) mapping).getPath().isEmpty()) {
            return CatalogException.invalid(path((JsonMappingException) mapping), "has an invalid value");
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what = e instanceof JsonParseException ? "is not valid JSON" : "cannot be read as the expected JSON";
        return CatalogException.badRequest("The request body " + what + where + ".");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "an integer";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }
}
