package io.scalingsuite.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;

/**
 * catalog-service's API as the gateway calls it (requests signed with the run's keys); fails loudly on any answer
 * the operation does not expect.
 */
final class CatalogClient {

    /**
     * A 503: catalog wrote nothing (a write it cannot make visible to the next read, with Redis or the database
     * out, is refused instead of answered 2xx), so the operation did not happen.
     */
    static final class Refused extends Exception {
        Refused(String what) {
            super(what);
        }
    }

    /** A category write's answer: its status, and the problem+json body of a refusal (409, 422). */
    record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    /** 412s: another writer changed the category between this client's read and its write. */
    final AtomicInteger lostRaces = new AtomicInteger();
    private final CallerSignature signer = new CallerSignature(SigningKeys.parse(ServiceProcess.INTERNAL_AUTH_KEYS),
            Clock.systemUTC());

    CatalogClient(String baseUrl) {
        this.base = baseUrl + "/api/catalog";
    }

    String createCategory(String slug, String parentId) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("slug", slug, "name", slug));
        body.put("parentId", parentId);
        return send("POST", "/categories", body, null, 201).get("id").asText();
    }

    /** Merge-patches a category with the ETag just read (renames and moves). */
    Answer patchCategory(String id, Map<String, Object> changes) throws Exception {
        return ifMatch("PATCH", id, changes, 200);
    }

    /** Deletes a category, naming the version just read. */
    Answer deleteCategory(String id) throws Exception {
        return ifMatch("DELETE", id, null, 204);
    }

    /** A conditional category write; a 412 (the other client changed it in between) re-reads and retries. */
    private Answer ifMatch(String method, String id, Object body, int success) throws Exception {
        String path = "/categories/" + id;
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> current = exchange("GET", path, null, null);
            if (current.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + current.statusCode() + ": " + current.body());
            }
            HttpResponse<String> answer = exchange(method, path, body, current.headers().firstValue("ETag")
                    .orElseThrow());
            int status = answer.statusCode();
            if (status == success) {
                return new Answer(status, JSON.nullNode());
            }
            if (status == 503) {
                throw new Refused(method + " " + path + ": " + answer.body());
            }
            boolean problem = answer.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json");
            if ((status == 409 || status == 422) && problem) {
                return new Answer(status, JSON.readTree(answer.body()));
            }
            if (status != 412 || !problem) {
                throw new AssertionError(method + " " + path + " answered " + status + ": " + answer.body());
            }
            lostRaces.incrementAndGet();
        }
        throw new AssertionError(method + " of category " + id + " lost five races");
    }

    String createProduct(Map<String, Object> product) throws Exception {
        return send("POST", "/products", product, null, 201).get("id").asText();
    }

    /** Read-modify-write with If-Match, retried when another writer got there first. */
    void patch(String id, Map<String, Object> changes) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> current = exchange("GET", "/products/" + id, null, null);
            String etag = current.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> answer = exchange("PATCH", "/products/" + id, changes, etag);
            if (answer.statusCode() == 200) {
                return;
            }
            if (answer.statusCode() == 503) {
                throw new Refused("PATCH " + id + ": " + answer.body());
            }
            if (answer.statusCode() != 412) {
                throw new AssertionError("PATCH answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        throw new AssertionError("PATCH of " + id + " lost five races");
    }

    void delete(String id) throws Exception {
        send("DELETE", "/products/" + id, null, null, 204);
    }

    void review(String productId, int rating) throws Exception {
        send("POST", "/products/" + productId + "/reviews", Map.of("rating", rating, "title", "r" + rating), null, 201);
    }

    private JsonNode send(String method, String path, Object body, String ifMatch, int expected) throws Exception {
        HttpResponse<String> answer = exchange(method, path, body, ifMatch);
        if (answer.statusCode() == 503 && !method.equals("GET")) {
            throw new Refused(method + " " + path + ": " + answer.body());
        }
        if (answer.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    private HttpResponse<String> exchange(String method, String path, Object body, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (body != null) {
            String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
            request.header("Content-Type", type);
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        // catalog directly, as the gateway would call it: signed, with every scope
        request.header(CallerSignature.HEADER, signer.sign(method, "/api/catalog" + path, "system-test",
                "admin,read,write"));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
