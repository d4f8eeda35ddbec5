package io.scalingsuite.catalog.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@code fields=} selection: only these properties of each product go over the wire. */
public record SparseFields(List<String> names) {

    /** The selection in {@code param}, or null for "every field"; 400 naming any unknown field. */
    public static SparseFields parse(String param) {
        if (param == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(param.split(",", -1)));
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(ProductDocument.FIELDS);
        if (!unknown.isEmpty()) {
            throw CatalogException.invalid("fields", "unknown field(s) " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", new TreeSet<>(ProductDocument.FIELDS)));
        }
        return new SparseFields(List.copyOf(names));
    }

    public ObjectNode apply(ObjectNode product) {
        product.retain(names);
        return product;
    }

    /** A stable short name for the selection, for cache keys and ETags. */
    public String key() {
        return String.join(",", new TreeSet<>(names));
    }
}
