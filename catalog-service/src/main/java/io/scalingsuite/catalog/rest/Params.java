package io.scalingsuite.catalog.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.scalingsuite.catalog.api.AttributeFilter;
import io.scalingsuite.catalog.api.CatalogException;

/** Parses path and query parameters by hand so that each bad one gets a 400 that names it. */
final class Params {

    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Params() {
    }

    static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw CatalogException.invalid(name, "must be a UUID such as 0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10");
    }

    static Long nonNegativeLong(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw CatalogException.invalid(name, "must be a whole number of cents, 0 or more");
    }

    static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            if (value.matches("\\d{10,}")) {
                return Integer.MAX_VALUE;
            }
            throw CatalogException.invalid(name, "must be a whole number");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw CatalogException.invalid(name, "must be true or false");
        };
    }

    static String merchantId(String name, String value) {
        if (value != null && !MERCHANT_ID.matcher(value).matches()) {
            throw CatalogException.invalid(name, "must be 1-64 letters, digits, '-' or '_'");
        }
        return value;
    }

    /** Every {@code attr.<name>=<value>} of the query string (repeatable; all must hold), at most a few. */
    static List<AttributeFilter> attributes(Map<String, List<String>> query) {
        List<AttributeFilter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            if (param.getKey().equals("attr")) {
                throw CatalogException.invalid("attr", "name the attribute: attr.<name>=<value>");
            }
            if (param.getKey().startsWith(AttributeFilter.PREFIX)) {
                param.getValue().forEach(value -> filters.add(AttributeFilter.parse(param.getKey(), value)));
            }
        }
        if (filters.size() > AttributeFilter.MAX_FILTERS) {
            throw CatalogException.invalid("attr", "at most " + AttributeFilter.MAX_FILTERS + " attribute filters");
        }
        return filters;
    }
}
