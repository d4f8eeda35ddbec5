package io.scalingsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A category, a product with two reviews and a listing cursor, made through a gateway; and the catalog's export. */
final class GatewayFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayFixtures() {
    }

    /** Placeholder values for the hostile corpus: C, P, V, CURSOR and the keys. */
    static Map<String, String> create(ServiceProcess gateway) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String category = send(gateway, "POST", "/api/catalog/categories",
                "{\"slug\":\"hostile-" + suffix + "\",\"name\":\"Hostile\"}", 201).get("id").asText();
        String product = null;
        for (int i = 0; i < 3; i++) {
            product = send(gateway, "POST", "/api/catalog/products", "{\"sku\":\"FIX-" + suffix + "-" + i
                    + "\",\"name\":\"Fixture\",\"priceCents\":" + (100 + i) + ",\"currency\":\"EUR\",\"categoryId\":\""
                    + category + "\",\"merchantId\":\"fixture\",\"stock\":3}", 201).get("id").asText();
        }
        String review = null;
        for (int i = 0; i < 2; i++) {
            review = send(gateway, "POST", "/api/catalog/products/" + product + "/reviews",
                    "{\"rating\":4,\"title\":\"ok\"}", 201).get("id").asText();
        }
        String cursor = send(gateway, "GET", "/api/catalog/products?limit=1", null, 200).get("nextCursor").asText();
        return new HashMap<>(Map.of("C", category, "P", product, "V", review, "CURSOR", cursor, "READ",
                ProcessSuite.READER, "WRITE", ProcessSuite.WRITER, "ADMIN", ProcessSuite.ADMIN, "REVOKED",
                ProcessSuite.REVOKED));
    }

    /** Every row of the catalog (export NDJSON lines, without the snapshot's own header and trailer), sorted. */
    static List<String> export(ServiceProcess gateway) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/catalog/admin/export")).header("X-API-Key", ProcessSuite.ADMIN).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("export answered " + answer.statusCode() + ": " + answer.body());
        }
        return Arrays.stream(answer.body().split("\n")).filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("{\"type\":\"Snapshot\"") && !line.startsWith("{\"type\":\"End\""))
                .sorted().toList();
    }

    static JsonNode send(ServiceProcess gateway, String method, String path, String json, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("X-API-Key", ProcessSuite.WRITER).timeout(Duration.ofSeconds(20));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
