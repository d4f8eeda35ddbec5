package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.scalingsuite.devinfra.Embedded;
import io.scalingsuite.devinfra.LocalInfra;

import redis.embedded.RedisServer;

/**
 * Two gateway replicas in front of one catalog, sharing one Redis: what one replica caches or purges, and every
 * request it counts against a rate limit, the other sees, as behind a load balancer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoGatewaysIT {

    private static final String DEV_KEY = "ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610";
    private static final int ANONYMOUS_LIMIT = 10;

    private final HttpClient http = HttpClient.newHttpClient();
    private String database;
    private RedisServer redis;
    private ServiceProcess catalog;
    private ServiceProcess first;
    private ServiceProcess second;

    @BeforeAll
    void startSuite() throws Exception {
        String jdbcUrl = LocalInfra.createDatabase("system_test");
        database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int redisPort = Embedded.freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("dir " + Files.createTempDirectory("gw-redis")).build();
        redis.start();
        String redisUrl = "redis://127.0.0.1:" + redisPort;
        catalog = new ServiceProcess("catalog", "catalog-service", Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", LocalInfra.PG_USER, "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_REDIS_HOSTS", redisUrl));
        catalog.start();
        Map<String, String> gateway = new HashMap<>(Map.of("QUARKUS_REDIS_HOSTS", redisUrl,
                "QUARKUS_PROFILE", "prod,local", "GATEWAY_ROUTES_CATALOG_UPSTREAMS",
                catalog.baseUrl().substring("http://".length()), "GATEWAY_RATE_LIMIT_TIERS_ANONYMOUS_LIMIT",
                Integer.toString(ANONYMOUS_LIMIT)));
        first = new ServiceProcess("gateway-1", "gateway", gateway);
        second = new ServiceProcess("gateway-2", "gateway", gateway);
        first.start();
        second.start();
    }

    @AfterAll
    void stopSuite() throws Exception {
        ServiceProcess.closeAll(Arrays.asList(first, second, catalog));
        if (redis != null) {
            redis.stop();
        }
        if (database != null) {
            LocalInfra.dropDatabase(database);
        }
    }

    @Test
    void shouldShareCacheAndPurgesBetweenReplicas() throws Exception {
        String category = body(send(first, "POST", "/api/catalog/categories",
                "{\"slug\":\"two-gw-" + System.nanoTime() + "\",\"name\":\"Lamps\"}", null, 201)).get("id").asText();
        String product = body(send(first, "POST", "/api/catalog/products", "{\"sku\":\"GW-" + System.nanoTime()
                + "\",\"name\":\"Lamp\",\"priceCents\":1000,\"currency\":\"EUR\",\"categoryId\":\"" + category
                + "\",\"merchantId\":\"acme\",\"stock\":1}", null, 201)).get("id").asText();
        String path = "/api/catalog/products/" + product;

        assertEquals("MISS", send(first, "GET", path, null, null, 200).headers().firstValue("X-Cache").orElse(""));
        assertEquals("HIT", send(second, "GET", path, null, null, 200).headers().firstValue("X-Cache").orElse(""),
                "the second replica answers from the entry the first one stored");

        send(first, "PATCH", path, "{\"stock\": 7}", "\"0\"", 200);

        HttpResponse<String> afterWrite = send(second, "GET", path, null, null, 200);
        assertEquals(7, body(afterWrite).get("stock").asInt(),
                "the write through one replica purged the other's cache");
        assertEquals("\"1\"", afterWrite.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void shouldEnforceOneRateLimitAcrossReplicas() throws Exception {
        int served = 0;
        int refused = 0;
        for (int i = 0; i < ANONYMOUS_LIMIT + 4; i++) {
            HttpResponse<String> answer = anonymous(i % 2 == 0 ? first : second, "/api/catalog/categories?limit=1");
            if (answer.statusCode() == 200) {
                served++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body());
                assertTrue(answer.headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        assertEquals(ANONYMOUS_LIMIT, served, "one budget for both replicas, not one each");
        assertEquals(4, refused);
    }

    private HttpResponse<String> anonymous(ServiceProcess gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(ServiceProcess gateway, String method, String path, String json, String ifMatch,
            int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("X-API-Key", DEV_KEY);
        if (json != null) {
            request.header("Content-Type",
                    method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, answer.statusCode(), method + " " + path + ": " + answer.body());
        return answer;
    }

    private static com.fasterxml.jackson.databind.JsonNode body(HttpResponse<String> answer) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    }
}
