package io.scalingsuite.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * What Kubernetes relies on when it scales the gateway down: on SIGTERM readiness turns DOWN at once (so the
 * load balancer stops sending), a request already in flight still completes, and the process then exits.
 */
class GatewayShutdownIT {

    @Test
    void shouldFinishInFlightRequestAfterSigterm() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slowUpstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowUpstream.createContext("/api/catalog/slow", exchange -> {
            arrived.countDown();
            try {
                // Held until the test has seen readiness go DOWN: the request is provably in flight across SIGTERM.
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"slow\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        slowUpstream.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slowUpstream.start();
        LocalInfra.Redis redis = LocalInfra.redis();
        ServiceProcess gateway = new ServiceProcess("gateway-shutdown", "gateway", Map.of(
                "GATEWAY_ROUTES_CATALOG_UPSTREAMS", "127.0.0.1:" + slowUpstream.getAddress().getPort(),
                "QUARKUS_REDIS_HOSTS", redis.uri(), "GATEWAY_CACHE_KEY_PREFIX", "shutdown-test"));
        try {
            gateway.start();
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/catalog/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request reached the upstream");

            gateway.terminate();

            await().atMost(Duration.ofSeconds(2)).until(() -> gateway.readinessStatus() == 503);
            release.countDown();
            HttpResponse<String> answer = inFlight.get(15, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertEquals("{\"slow\":true}", answer.body());
            assertTrue(gateway.exited(Duration.ofSeconds(30)), "the gateway exits once drained");
        } finally {
            gateway.close();
            slowUpstream.stop(0);
        }
    }
}
