package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every gateway route × {no key, read key, write key, admin key, revoked key} → the status it must get. Reads are
 * open, writes need scope write, admin paths need scope admin for every method, a revoked (no longer configured)
 * key is refused everywhere, and /q/* is not reachable through the gateway at all. Admitted requests target rows
 * that do not exist or carry invalid bodies, so the matrix itself changes no data. Then: no key and no database
 * password in any answer or in any log the suite's processes wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final String MISSING = "0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10";
    private static final List<String> KEYS = List.of("", "READ", "WRITE", "ADMIN", "REVOKED");

    /** method, path, body; then the status for each of KEYS in order ("202|409": either). */
    private static final String[][] MATRIX = {
        { "GET", "/api/catalog/products", "", "200", "200", "200", "200", "401" },
        { "GET", "/api/catalog/products/{P}", "", "200", "200", "200", "200", "401" },
        { "HEAD", "/api/catalog/products/{P}", "", "200", "200", "200", "200", "401" },
        { "POST", "/api/catalog/products", "{}", "401", "403", "400", "403", "401" },
        { "PUT", "/api/catalog/products/" + MISSING, "{}", "401", "403", "428", "403", "401" },
        { "PATCH", "/api/catalog/products/" + MISSING, "{}", "401", "403", "428", "403", "401" },
        { "DELETE", "/api/catalog/products/" + MISSING, "", "401", "403", "404", "403", "401" },
        { "GET", "/api/catalog/products/{P}/reviews", "", "200", "200", "200", "200", "401" },
        { "POST", "/api/catalog/products/" + MISSING + "/reviews", "{\"rating\":5}", "401", "403", "404", "403",
            "401" },
        { "GET", "/api/catalog/categories", "", "200", "200", "200", "200", "401" },
        { "POST", "/api/catalog/categories", "{}", "401", "403", "400", "403", "401" },
        { "GET", "/api/catalog/admin/export", "", "401", "403", "403", "200", "401" },
        { "DELETE", "/api/catalog/admin/export", "", "401", "403", "403", "405", "401" },
        { "GET", "/api/views/products", "", "200", "200", "200", "200", "401" },
        { "GET", "/api/views/products/{P}", "", "200", "200", "200", "200", "401" },
        { "GET", "/api/views/categories/{C}/summary", "", "200", "200", "200", "200", "401" },
        { "GET", "/api/views/categories/{C}/top", "", "200", "200", "200", "200", "401" },
        { "GET", "/api/views/merchants/fixture/summary", "", "200", "200", "200", "200", "401" },
        { "POST", "/api/views/products/{P}", "{}", "401", "403", "405", "403", "401" },
        { "GET", "/api/views/admin/rebuild", "", "401", "403", "403", "200", "401" },
        { "POST", "/api/views/admin/rebuild", "", "401", "403", "403", "202|409", "401" },
        { "GET", "/api/openapi", "", "200", "200", "200", "200", "200|401" },
        { "GET", "/q/health", "", "404", "404", "404", "404", "404" },
        { "GET", "/q/metrics", "", "404", "404", "404", "404", "404" },
        { "GET", "/q/openapi", "", "404", "404", "404", "404", "404" },
        { "GET", "/q/dev-ui", "", "404", "404", "404", "404", "404" },
        { "GET", "/api/catalog/q/metrics", "", "404", "404", "404", "404", "401" },
        { "GET", "/api/views/q/health", "", "404", "404", "404", "404", "401" },
    };

    private ProcessSuite suite;
    private Map<String, String> values;
    private final StringBuilder answers = new StringBuilder();

    @BeforeAll
    void startSuite() throws Exception {
        suite = ProcessSuite.shared();
        values = GatewayFixtures.create(suite.gateway());
        // the views are eventually consistent: wait (at aggregation itself, past any cache) until they exist
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            for (String path : List.of("/api/views/products/{P}", "/api/views/categories/{C}/summary",
                    "/api/views/categories/{C}/top")) {
                java.net.URI uri = java.net.URI.create(suite.aggregation.baseUrl() + HostileCorpus.fill(path, values));
                if (http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void shouldGiveEveryRouteAndKeyItsExpectedStatus() {
        List<String> wrong = new ArrayList<>();
        for (String[] row : MATRIX) {
            for (int k = 0; k < KEYS.size(); k++) {
                Wire.Answer answer = send(row[0], HostileCorpus.fill(row[1], values), row[2], KEYS.get(k));
                answers.append(answer.head()).append(answer.body()).append('\n');
                if (!("|" + row[3 + k] + "|").contains("|" + answer.status() + "|")) {
                    wrong.add(row[0] + " " + row[1] + " with " + (KEYS.get(k).isEmpty() ? "no key" : KEYS.get(k))
                            + ": " + answer.status() + ", expected " + row[3 + k]);
                }
                if (answer.status() >= 400 && !row[0].equals("HEAD")) {
                    assertTrue(answer.header("Content-Type").orElse("").startsWith("application/problem+json"),
                            row[0] + " " + row[1] + ": " + answer.head());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldNeverShowAKeyOrTheDatabasePasswordInAnswersOrLogs() throws Exception {
        for (String[] row : MATRIX) {
            Wire.Answer answer = send(row[0], HostileCorpus.fill(row[1], values), row[2], "WRITE");
            answers.append(answer.head()).append(answer.body()).append('\n');
        }
        String logs = suite.logs();
        assertFalse(logs.isEmpty());
        for (String secret : List.of(ProcessSuite.READER, ProcessSuite.WRITER, ProcessSuite.ADMIN,
                ProcessSuite.REVOKED, ProcessSuite.DB_PASSWORD)) {
            assertFalse(logs.contains(secret), "a secret in the processes' logs");
            assertFalse(answers.toString().contains(secret), "a secret in an answer");
        }
    }

    private Wire.Answer send(String method, String path, String body, String key) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\n");
        if (!key.isEmpty()) {
            head.append("X-API-Key: ").append(values.get(key)).append("\r\n");
        }
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n").append(body);
        return Wire.send(suite.gateway().port(), head.toString().getBytes(StandardCharsets.UTF_8));
    }
}
