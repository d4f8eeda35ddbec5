package io.scalingsuite.catalog.rest;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each API path answers, for the {@code Allow} header RFC 9110 requires on a 405 (the REST layer's
 * own 405 does not carry it). Read once at startup from the JAX-RS annotations of every resource the application
 * deploys (each is a bean), so a new resource or method is included without being listed here.
 */
@Singleton
class AllowedMethods {

    private final Map<Pattern, Set<String>> byPath;

    AllowedMethods(BeanManager beans) {
        this.byPath = build(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class)).distinct().toList());
    }

    /** E.g. "GET, HEAD, POST" for the products collection; null for a path no resource serves. */
    String of(String path) {
        Set<String> methods = new TreeSet<>();
        byPath.forEach((pattern, allowed) -> {
            if (pattern.matcher(path).matches()) {
                methods.addAll(allowed);
            }
        });
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    private static Map<Pattern, Set<String>> build(Collection<Class<?>> resources) {
        Map<Pattern, Set<String>> table = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
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
