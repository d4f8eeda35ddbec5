package io.scalingsuite.catalog.rest;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each API path answers, read once from the resources' JAX-RS annotations, for the {@code Allow}
 * header RFC 9110 requires on a 405 (the REST layer's own 405 does not carry it).
 */
final class AllowedMethods {

    private static final List<Class<?>> RESOURCES = List.of(ProductResource.class, ReviewResource.class,
            CategoryResource.class, AdminResource.class);
    private static final Map<Pattern, Set<String>> BY_PATH = build();

    private AllowedMethods() {
    }

    /** E.g. "GET, HEAD, POST" for the products collection; null for a path no resource serves. */
    static String of(String path) {
        Set<String> methods = new TreeSet<>();
        BY_PATH.forEach((pattern, allowed) -> {
            if (pattern.matcher(path).matches()) {
                methods.addAll(allowed);
            }
        });
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    private static Map<Pattern, Set<String>> build() {
        Map<Pattern, Set<String>> table = new LinkedHashMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = sub == null ? base : base + "/" + sub.value();
                    table.computeIfAbsent(Pattern.compile(template.replaceAll("//+", "/")
                            .replaceAll("\\{[^}]+}", "[^/]+") + "/?"), k -> new TreeSet<>()).add(verb);
                }
            }
        }
        return table;
    }

    private static String verb(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
