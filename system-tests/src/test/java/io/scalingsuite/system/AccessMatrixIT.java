package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route the services expose × every spelling of its path ({@link PathSpellings}) × {no key, read key, write
 * key, admin key, revoked key} → the status it must get through the gateway. Reads are open, writes need scope
 * write, admin paths need scope admin for every method, a revoked (no longer configured) key is refused everywhere,
 * /q/* is not reachable through the gateway at all; a spelling the gateway reads as the canonical path gets the
 * canonical path's status, one it cannot read gets 400, an upper-case prefix 404. Admitted requests target rows that
 * do not exist or carry invalid bodies, so the matrix changes no data. Then: no key and no database password in any
 * answer or in any log the suite's processes wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final String MISSING = "0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10";
    private static final List<String> KEYS = List.of("", "READ", "WRITE", "ADMIN", "REVOKED");
    private static final Map<String, Set<String>> SCOPES = Map.of("", Set.of(), "READ", Set.of("read"), "WRITE",
            Set.of("read", "write"), "ADMIN", Set.of("read", "admin"), "REVOKED", Set.of());

    /** method, path, body, scope needed ("-": none); then the status for each of KEYS in order ("202|409": either). */
    private static final String[][] MATRIX = {
            { "GET", "/api/catalog/products", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/catalog/products/{P}", "", "-", "200", "200", "200", "200", "401" },
            { "HEAD", "/api/catalog/products/{P}", "", "-", "200", "200", "200", "200", "401" },
            { "POST", "/api/catalog/products", "{}", "write", "401", "403", "400", "403", "401" },
            { "PUT", "/api/catalog/products/" + MISSING, "{}", "write", "401", "403", "428", "403", "401" },
            { "PATCH", "/api/catalog/products/" + MISSING, "{}", "write", "401", "403", "428", "403", "401" },
            { "DELETE", "/api/catalog/products/" + MISSING, "", "write", "401", "403", "404", "403", "401" },
            { "GET", "/api/catalog/products/{P}/reviews", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/catalog/products/{P}/reviews/{V}", "", "-", "200", "200", "200", "200", "401" },
            { "POST", "/api/catalog/products/" + MISSING + "/reviews", "{\"rating\":5}", "write", "401", "403", "404",
                    "403", "401" },
            { "GET", "/api/catalog/categories", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/catalog/categories/{C}", "", "-", "200", "200", "200", "200", "401" },
            { "POST", "/api/catalog/categories", "{}", "write", "401", "403", "400", "403", "401" },
            { "GET", "/api/catalog/admin/export", "", "admin", "401", "403", "403", "200", "401" },
            { "DELETE", "/api/catalog/admin/export", "", "admin", "401", "403", "403", "405", "401" },
            { "POST", "/api/catalog/admin/merchants/matrix-nobody/move?to=nowhere", "", "admin", "401", "403", "403",
                    "422", "401" },
            { "GET", "/api/views/products", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/views/products/{P}", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/views/categories/{C}/summary", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/views/categories/{C}/top", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/views/merchants/fixture/summary", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/views/merchants/fixture/category-counts", "", "-", "200", "200", "200", "200", "401" },
            { "POST", "/api/views/products/{P}", "{}", "write", "401", "403", "405", "403", "401" },
            { "GET", "/api/views/admin/rebuild", "", "admin", "401", "403", "403", "200", "401" },
            { "POST", "/api/views/admin/rebuild", "", "admin", "401", "403", "403", "202|409", "401" },
            { "GET", "/api/openapi", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/api/docs/", "", "-", "200", "200", "200", "200", "401" },
            { "GET", "/q/health", "", "-", "404", "404", "404", "404", "404" },
            { "GET", "/q/metrics", "", "-", "404", "404", "404", "404", "404" },
            { "GET", "/q/openapi", "", "-", "404", "404", "404", "404", "404" },
            { "GET", "/q/dev-ui", "", "-", "404", "404", "404", "404", "404" },
            { "GET", "/api/catalog/q/metrics", "", "-", "404", "404", "404", "404", "401" },
            { "GET", "/api/views/q/health", "", "-", "404", "404", "404", "404", "401" },
    };

    private ProcessSuite suite;
    private Map<String, String> values;
    private final StringBuilder answers = new StringBuilder();

    @BeforeAll
    void startSuite() throws Exception {
        suite = ProcessSuite.shared();
        values = GatewayFixtures.create(suite.gateway());
        // the views are eventually consistent: wait (at aggregation itself, past any cache) until they exist
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String path : List.of("/api/views/products/{P}", "/api/views/categories/{C}/summary",
                    "/api/views/categories/{C}/top")) {
                URI uri = URI.create(suite.aggregation.baseUrl() + HostileCorpus.fill(path, values));
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void shouldGiveEveryRouteSpellingAndKeyItsExpectedStatus() {
        List<String> wrong = new ArrayList<>();
        List<String> unscoped = new ArrayList<>();
        int sent = 0;
        for (String[] row : MATRIX) {
            for (PathSpellings.Spelling spelling : PathSpellings.of(row[1])) {
                for (int k = 0; k < KEYS.size(); k++) {
                    String key = KEYS.get(k);
                    Wire.Answer answer = send(row[0], HostileCorpus.fill(spelling.path(), values), row[2], key);
                    sent++;
                    String expected = switch (spelling.reading()) {
                        case CANONICAL -> row[4 + k];
                        case BAD_PATH -> "400";
                        case NO_ROUTE -> "404";
                    };
                    String label = row[0] + " " + spelling.path() + " with " + (key.isEmpty() ? "no key" : key);
                    if (!("|" + expected + "|").contains("|" + answer.status() + "|")) {
                        wrong.add(label + ": " + answer.status() + ", expected " + expected);
                    }
                    if (answer.status() / 100 == 2 && !row[3].equals("-") && !SCOPES.get(key).contains(row[3])) {
                        unscoped.add(label + ": " + answer.status() + " without scope " + row[3]);
                    }
                    if (answer.status() >= 400 && !row[0].equals("HEAD")
                            && !answer.header("Content-Type").orElse("").startsWith("application/problem+json")) {
                        wrong.add(label + ": " + answer.status() + " without problem+json");
                    }
                    if (answer.answers() != 1) {
                        wrong.add(label + ": " + answer.answers() + " answers on the connection");
                    }
                }
            }
        }
        System.out.println("[access-matrix] " + sent + " requests");
        assertEquals(List.of(), unscoped.subList(0, Math.min(60, unscoped.size())),
                unscoped.size() + " answer(s) served without the scope they need");
        assertEquals(List.of(), wrong.subList(0, Math.min(60, wrong.size())), wrong.size() + " wrong answer(s)");
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
                ProcessSuite.REVOKED, ProcessSuite.DB_PASSWORD, ServiceProcess.INTERNAL_AUTH_KEYS.split(":")[1])) {
            assertFalse(logs.contains(secret), "a secret in the processes' logs");
            assertFalse(answers.toString().contains(secret), "a secret in an answer");
        }
        assertTrue(answers.length() > 0);
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
