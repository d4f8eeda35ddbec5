package io.scalingsuite.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but well-formed HTTP/1.1 requests to the gateway's routes: the methods, paths, parameters, headers and
 * bodies a confused or hostile client might send, drawn from one seeded {@link Random} so a run can be replayed.
 */
final class RequestFuzzer {

    /** A generated request, and what it would do if it succeeded (so the data check can account for it). */
    record Request(String method, String target, byte[] bytes, String text) {
    }

    private static final List<String> METHODS = List.of("GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS", "TRACE", "FOO");
    private static final List<String> WORDS = List.of("", "0", "-1", "1e9", "99999999999999999999", "true", "null",
            "' OR 1=1 --", "\"; DROP TABLE product; --", "@>", "?|", "../", "..%2f", "%00", "%ff", "{}", "[]",
            "price", "-price", "createdAt", "rating", "id,name", "EUR", "acme", "\u00e9", "\u4e2d", "a".repeat(300));
    private static final List<String> FIELDS = List.of("sku", "name", "description", "priceCents", "currency",
            "categoryId", "merchantId", "stock", "attributes", "rating", "title", "body", "slug", "parentId", "x");
    private static final List<String> PARAMS = List.of("categoryId", "merchantId", "minPriceCents", "maxPriceCents",
            "inStock", "sort", "limit", "cursor", "fields", "q", "attr.color", "attr.", "attr.a%20b", "x");

    private final Random random;
    private final Map<String, String> values;

    RequestFuzzer(long seed, Map<String, String> values) {
        this.random = new Random(seed);
        this.values = values;
    }

    Request next() {
        String method = pick(METHODS);
        String target = path() + query();
        StringBuilder head = new StringBuilder(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        String key = pick(List.of("", "READ", "WRITE", "WRITE", "ADMIN", "REVOKED"));
        if (!key.isEmpty()) {
            head.append("X-API-Key: ").append(values.get(key)).append("\r\n");
        }
        if (random.nextInt(3) == 0) {
            head.append("If-Match: ").append(pick(List.of("\"0\"", "\"1\"", "*", "W/\"0\"", "\"x\"", "")))
                    .append("\r\n");
        }
        if (random.nextInt(5) == 0) {
            head.append("Idempotency-Key: k").append(random.nextInt(20)).append("\r\n");
        }
        String body = method.equals("GET") || method.equals("HEAD") || random.nextInt(8) == 0 ? "" : body();
        if (!body.isEmpty() || random.nextBoolean()) {
            head.append("Content-Type: ").append(pick(List.of("application/json", "application/json",
                    "application/merge-patch+json", "text/plain", "application/xml"))).append("\r\n");
        }
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + payload.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(payload, 0, all, start.length, payload.length);
        return new Request(method, target, all, head + body);
    }

    private String path() {
        String id =
                pick(List.of(values.get("P"), values.get("C"), values.get("V"), "0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10",
                        encode(pick(WORDS)), "1"));
        return pick(List.of("/api/catalog/products", "/api/catalog/products/" + id,
                "/api/catalog/products/" + values.get("P") + "/reviews",
                "/api/catalog/products/" + values.get("P") + "/reviews/" + id, "/api/catalog/categories",
                "/api/catalog/categories/" + id, "/api/catalog/admin/export", "/api/views/products",
                "/api/views/products/" + id, "/api/views/categories/" + id + "/summary",
                "/api/views/categories/" + id + "/top", "/api/views/merchants/" + encode(pick(WORDS)) + "/summary",
                "/api/views/merchants/" + encode(pick(WORDS)) + "/category-counts",
                "/api/views/admin/rebuild", "/api/openapi", "/q/health", "/api/" + encode(pick(WORDS))));
    }

    private String query() {
        int n = random.nextInt(4);
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "?" : "&").append(pick(PARAMS)).append('=')
                    .append(random.nextInt(4) == 0 ? values.get("CURSOR") : encode(pick(WORDS)));
        }
        return q.toString();
    }

    private String body() {
        StringBuilder json = new StringBuilder("{");
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(pick(FIELDS)).append("\":").append(value(0));
        }
        String text = json.append('}').toString();
        return random.nextInt(6) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 1 -> "\"" + pick(WORDS).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 2 -> pick(List.of("true", "false", "null", "1.5", "-0", "1e400"));
            case 3 -> "\"" + pick(List.of(values.get("C"), values.get("P"), "\\u0000", "\\ud800")) + "\"";
            case 4 -> "\"" + random.nextInt(1000) + "\"";
            case 5 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            default -> "{\"k\":" + value(depth + 1) + "}";
        };
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
