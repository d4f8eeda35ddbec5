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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * Catalog, aggregation and one gateway, each configured for one Redis deployment by nothing but the environment
 * the chart renders ({@code QUARKUS_REDIS_HOSTS}, {@code _CLIENT_TYPE}, {@code _MASTER_NAME}, {@code _PASSWORD}),
 * on a database of their own. Requests through the gateway use the development key of profile {@code local}.
 */
final class RedisModeSuite implements AutoCloseable {

    static final String DEV_KEY = "ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610";
    static final int ANONYMOUS_LIMIT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String jdbcUrl;
    private final String database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ServiceProcess catalog;
    final ServiceProcess aggregation;
    final ServiceProcess gateway;

    RedisModeSuite(String mode, Map<String, String> redisEnv) throws Exception {
        jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        Map<String, String> common = new HashMap<>(redisEnv);
        common.putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME",
                LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", ""));
        catalog = new ServiceProcess(mode + "-catalog", "catalog-service", common);
        aggregation = new ServiceProcess(mode + "-aggregation", "aggregation-service", common);
        Map<String, String> gatewayEnv = new HashMap<>(redisEnv);
        gatewayEnv.putAll(Map.of("QUARKUS_PROFILE", "prod,local", "GATEWAY_ROUTES_CATALOG_UPSTREAMS",
                catalog.baseUrl().substring("http://".length()), "GATEWAY_ROUTES_VIEWS_UPSTREAMS",
                aggregation.baseUrl().substring("http://".length()), "GATEWAY_RATE_LIMIT_TIERS_ANONYMOUS_LIMIT",
                Integer.toString(ANONYMOUS_LIMIT)));
        gateway = new ServiceProcess(mode + "-gateway", "gateway", gatewayEnv);
        try {
            for (ServiceProcess service : List.of(catalog, aggregation, gateway)) {
                service.start(); // one at a time: three JVMs booting at once on a busy machine miss the deadline
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** A request through the gateway with the development key (or anonymous when {@code key} is null). */
    HttpResponse<String> send(String method, String path, String json, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (json != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json"
                    : "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A conditional PATCH through the gateway with the development key. */
    HttpResponse<String> gatewayPatch(String path, String json, String ifMatch) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", DEV_KEY).header("If-Match", ifMatch)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a category and a product through the gateway; returns the product's id. */
    String createProduct(String name) throws Exception {
        String category = created(send("POST", "/api/catalog/categories",
                "{\"slug\":\"" + name + "-" + System.nanoTime() + "\",\"name\":\"" + name + "\"}", DEV_KEY));
        return created(send("POST", "/api/catalog/products", "{\"sku\":\"" + name + "-" + System.nanoTime()
                + "\",\"name\":\"" + name + "\",\"priceCents\":1000,\"currency\":\"EUR\",\"categoryId\":\""
                + category + "\",\"merchantId\":\"acme\",\"stock\":1}", DEV_KEY));
    }

    private static String created(HttpResponse<String> answer) throws Exception {
        if (answer.statusCode() != 201) {
            throw new AssertionError("create answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("id").asText();
    }

    static JsonNode json(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    /** The gateway's readiness details: whether its purge subscription is up (it gates the near cache). */
    boolean purgesArrive() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        return body.replace(" ", "").contains("\"purge-subscription\":true");
    }

    /** Every log line the three services wrote so far. */
    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (ServiceProcess process : List.of(catalog, aggregation, gateway)) {
            all.append(java.nio.file.Files.readString(process.logFile(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        ServiceProcess.closeAll(Arrays.asList(gateway, aggregation, catalog));
        LocalInfra.dropDatabase(database);
    }
}
