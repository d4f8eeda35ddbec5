package io.scalingsuite.deploy;

import java.util.List;
import java.util.Map;

/** Navigation in a rendered object read as plain maps and lists, for tests that break one. */
final class Raw {

    private Raw() {
    }

    /** The node at a dotted path; a number steps into a list ({@code spec.template.spec.containers.0}). */
    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(step));
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else {
                throw new IllegalArgumentException("no " + path + " (stopped at " + step + ")");
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object found = at(node, path);
        if (!(found instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + " is not a map: " + found);
        }
        return (Map<String, Object>) found;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String path) {
        Object found = at(node, path);
        if (!(found instanceof List<?>)) {
            throw new IllegalArgumentException(path + " is not a list: " + found);
        }
        return (List<Object>) found;
    }
}
