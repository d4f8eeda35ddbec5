package io.scalingsuite.catalog.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text PostgreSQL can store: {@code text} and {@code jsonb} refuse U+0000, and a lone UTF-16 surrogate has no
 * UTF-8 form (the driver would store '?'). Both are client errors (400 naming the field), not database failures.
 */
final class StorableText {

    private StorableText() {
    }

    static List<CatalogException.FieldError> violations(JsonNode node) {
        List<CatalogException.FieldError> errors = new ArrayList<>();
        walk(node, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, List<CatalogException.FieldError> errors) {
        if (node.isTextual() && !storable(node.textValue())) {
            errors.add(new CatalogException.FieldError(path, "must not contain NUL characters or unpaired surrogates"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!storable(field.getKey())) {
                    errors.add(new CatalogException.FieldError(path.isEmpty() ? "(key)" : path,
                            "keys must not contain NUL characters or unpaired surrogates"));
                } else {
                    walk(field.getValue(), at, errors);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
