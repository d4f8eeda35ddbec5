package io.scalingsuite.catalog.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code fields=} selection: only these properties of each product go over the wire. {@code key} is a stable
 * short name for it, for cache keys and ETags.
 */
public record SparseFields(List<String> names, String key) {

    /** Clients send few distinct selections: the first of them are parsed once (a hit's 3 % went into parsing). */
    private static final int REMEMBERED = 256;
    private static final Map<String, SparseFields> PARSED = new ConcurrentHashMap<>();

    /** The selection in {@code param}, or null for "every field"; 400 naming any unknown field. */
    public static SparseFields parse(String param) {
        if (param == null) {
            return null;
        }
        SparseFields known = PARSED.get(param);
        if (known != null) {
            return known;
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(param.split(",", -1)));
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(ProductDocument.FIELDS);
        if (!unknown.isEmpty()) {
            throw CatalogException.invalid("fields", "unknown field(s) " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", new TreeSet<>(ProductDocument.FIELDS)));
        }
        SparseFields parsed = new SparseFields(List.copyOf(names), String.join(",", new TreeSet<>(names)));
        if (PARSED.size() < REMEMBERED) { // valid selections only, and a bounded number of them
            PARSED.putIfAbsent(param, parsed);
        }
        return parsed;
    }

    public ObjectNode apply(ObjectNode product) {
        product.retain(names);
        return product;
    }
}
