package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Idempotency-Key end to end: the gateway forwards it, never answers a POST itself, and catalog replays. */
class GatewayIdempotencyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldReplayARetriedCreateThroughTheGatewayWithoutASecondProduct() throws Exception {
        ProcessSuite suite = ProcessSuite.shared();
        String category = GatewayFixtures.send(suite.gateway(), "POST", "/api/catalog/categories",
                "{\"slug\":\"idem-" + UUID.randomUUID() + "\",\"name\":\"Idem\"}", 201).get("id").asText();
        String merchant = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"sku\":\"IDEM-" + UUID.randomUUID() + "\",\"name\":\"Lamp\",\"priceCents\":100,\"currency\":"
                + "\"EUR\",\"categoryId\":\"" + category + "\",\"merchantId\":\"" + merchant + "\",\"stock\":1}";
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post(suite, key, body);
        HttpResponse<String> retry = post(suite, key, body);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(JSON.readTree(first.body()).get("id"), JSON.readTree(retry.body()).get("id"));
        assertEquals("true", retry.headers().firstValue("Idempotency-Replayed").orElse(""),
                "catalog saw the key: the gateway forwarded it");
        assertFalse(retry.headers().firstValue("X-Cache").isPresent(), "the gateway never answers a POST itself");
        assertEquals(1, GatewayFixtures.send(suite.gateway(), "GET", "/api/catalog/products?merchantId=" + merchant,
                null, 200).get("items").size(), "one product, however many retries");
    }

    private HttpResponse<String> post(ProcessSuite suite, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(suite.gateway().baseUrl() + "/api/catalog/products"))
                .header("X-API-Key", ProcessSuite.WRITER).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
