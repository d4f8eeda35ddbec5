package io.scalingsuite.aggregation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A real HTTP server standing in for catalog's export endpoint; tests set the NDJSON it serves. */
public class FakeCatalogExport implements QuarkusTestProfile {

    private static HttpServer server;
    private static volatile String body = "";

    static void serve(String ndjson) {
        body = ndjson;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aggregation.catalog-url", "http://127.0.0.1:" + port());
    }

    static synchronized int port() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/catalog/admin/export", exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }
}
