package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.demodata.Seeder;

/**
 * Issue 18's sequence, through the gateway, on the packaged services: a product patched to version 1, then a reload
 * of the catalog (the seeder, as {@code make seed}) and the rebuild. Afterwards catalog and the views both say
 * version 0, no cached copy of version 1 is served, the next PATCH applies in the views, and a category the reload
 * removed answers 404 in the views too.
 */
class ReseedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ProcessSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = new ProcessSuite(1, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        suite.close();
    }

    @Test
    void shouldServeTheReloadedCatalogEverywhereAndApplyTheNextWrite() throws Exception {
        seedAndRebuild();
        String product = get("/api/catalog/products?limit=1").body().get("items").get(0).get("id").asText();
        assertEquals("\"0\"", get("/api/catalog/products/" + product).etag());
        assertEquals(200, patch(product, "\"0\"", 4242));
        assertEquals("\"1\"", get("/api/catalog/products/" + product).etag(), "cached at version 1 now");
        String doomed = GatewayFixtures.send(suite.gateway(), "POST", "/api/catalog/categories",
                "{\"slug\":\"doomed-" + product.substring(0, 8) + "\",\"name\":\"Doomed\"}", 201).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> view(product).path("version").asLong() == 1
                && get("/api/views/categories/" + doomed + "/summary").status() == 200);

        seedAndRebuild();

        assertEquals("\"0\"", get("/api/catalog/products/" + product).etag(), "no pre-reload copy served");
        assertEquals(0, view(product).path("version").asLong(), "the view is the reloaded catalog's");
        assertEquals(404, get("/api/views/categories/" + doomed + "/summary").status());
        assertEquals(200, patch(product, "\"0\"", 4343), "the reloaded version's ETag is the one accepted");
        await().atMost(Duration.ofSeconds(60)).until(() -> view(product).path("stock").asInt() == 4343);
        assertEquals(1, view(product).path("version").asLong());
    }

    /** The reload: products of 2,000 (not the demo's 100,000), so the test stays short; then the rebuild. */
    private static void seedAndRebuild() throws Exception {
        Seeder.main(new String[] { "--jdbc-url", suite.jdbcUrl, "--products", "2000", "--redis",
                suite.redis.address(), "--key-prefix", "catalog" });
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/api/views/admin/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        await().atMost(Duration.ofSeconds(120)).until(() -> List.of("done", "failed")
                .contains(get("/api/views/admin/rebuild").body().path("state").asText()));
        assertEquals("done", get("/api/views/admin/rebuild").body().path("state").asText(),
                "the rebuild (see the aggregation log)");
    }

    private record Answer(int status, String etag, JsonNode body) {
    }

    private static Answer get(String path) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)));
        return new Answer(answer.statusCode(), answer.headers().firstValue("ETag").orElse(null),
                answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body()));
    }

    private static JsonNode view(String product) throws Exception {
        return get("/api/views/products/" + product).body();
    }

    private static int patch(String product, String ifMatch, int stock) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/catalog/products/" + product)).header("If-Match", ifMatch)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"stock\":" + stock + "}"))).statusCode();
    }

    /** With the admin key for the rebuild, else the writer's (which reads too). */
    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
        String key = built.uri().getPath().contains("/admin/") ? ProcessSuite.ADMIN : ProcessSuite.WRITER;
        return HTTP.send(HttpRequest.newBuilder(built, (name, value) -> true).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(suite.gateway().baseUrl() + path);
    }
}
