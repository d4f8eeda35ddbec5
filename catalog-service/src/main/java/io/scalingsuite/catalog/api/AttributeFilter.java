package io.scalingsuite.catalog.api;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One {@code attr.<name>=<value>} filter: the product's attribute {@code name} equals the JSON scalar
 * {@code value}. {@code true}/{@code false} are booleans, a JSON number is a number, a quoted JSON string is that
 * string, and anything else is taken as a bare string ({@code attr.color=brown}). Matched by containment
 * ({@code attributes @> '{"name":value}'}), which the jsonb_path_ops GIN index answers.
 */
public record AttributeFilter(String name, String json) implements Comparable<AttributeFilter> {

    public static final String PREFIX = "attr.";
    public static final int MAX_FILTERS = 8;
    public static final int MAX_VALUE_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A JSON number PostgreSQL's numeric can hold: a longer exponent is a bare string, not a 500 (overflow). */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]{1,4})?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The filter that query parameter {@code param} (starting with {@code attr.}) asks for; 400 naming it. */
    public static AttributeFilter parse(String param, String value) {
        String name = param.substring(PREFIX.length());
        if (!NAME.matcher(name).matches()) {
            throw CatalogException.invalid(param, "attribute names are 1-64 letters, digits, '-' or '_'");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw CatalogException.invalid(param, "must be a value of 1 to " + MAX_VALUE_LENGTH + " characters");
        }
        return new AttributeFilter(name, scalar(param, value));
    }

    private static String scalar(String param, String value) {
        if (value.equals("true") || value.equals("false") || NUMBER.matcher(value).matches()) {
            return value;
        }
        if (!value.startsWith("\"")) {
            return TextNode.valueOf(value).toString();
        }
        try {
            JsonNode parsed = JSON.readTree(value);
            if (parsed != null && parsed.isTextual()) {
                return parsed.toString();
            }
        } catch (JsonProcessingException ignored) {
            // reported below
        }
        throw CatalogException.invalid(param, "a value starting with '\"' must be one JSON string");
    }

    /** The jsonb document a matching product's attributes contain. */
    public String containment() {
        return "{\"" + name + "\":" + json + "}";
    }

    @Override
    public int compareTo(AttributeFilter other) {
        return containment().compareTo(other.containment());
    }
}
