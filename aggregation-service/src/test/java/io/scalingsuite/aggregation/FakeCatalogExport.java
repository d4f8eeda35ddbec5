package io.scalingsuite.aggregation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;
import io.scalingsuite.contracts.Verification;

/**
 * A real HTTP server standing in for catalog's export endpoint; tests set the NDJSON it serves. Like catalog, it
 * serves only a caller signed with scope admin, and refuses a replayed signature.
 */
public class FakeCatalogExport implements QuarkusTestProfile {

    /** The keys this profile gives aggregation, so the stand-in verifies with them. */
    static final String KEYS = "export:0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static final CallerSignature VERIFIER = new CallerSignature(SigningKeys.of(List.of(KEYS)),
            Clock.systemUTC());
    private static final Set<String> NONCES = ConcurrentHashMap.newKeySet();
    private static HttpServer server;
    private static volatile String body = "";
    private static volatile Verification lastCaller;

    static void serve(String ndjson) {
        body = ndjson;
    }

    /** The verified caller of the last export served. */
    static Verification lastCaller() {
        return lastCaller;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aggregation.catalog-url", "http://127.0.0.1:" + port(), "suite.internal-auth.keys", KEYS);
    }

    static synchronized int port() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/catalog/admin/export", exchange -> {
                Verification caller = VERIFIER.verify(exchange.getRequestHeaders().getFirst(CallerSignature.HEADER),
                        exchange.getRequestMethod(), exchange.getRequestURI().toString(), 30);
                if (!caller.valid() || !caller.has("admin") || !NONCES.add(caller.nonce())) {
                    exchange.sendResponseHeaders(401, -1);
                    exchange.close();
                    return;
                }
                lastCaller = caller;
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
