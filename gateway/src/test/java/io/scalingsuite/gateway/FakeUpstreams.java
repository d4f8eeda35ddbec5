package io.scalingsuite.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP upstreams for the tests, on their own Vert.x: each answers like catalog-service does (JSON, headers
 * it is told to send) under any prefix. A control server lets tests stop and restart an upstream and read how
 * many requests reached it, or make it answer 503 to everything, over HTTP, so nothing depends on which class loader runs the test.
 *
 * <p>Paths (after any prefix): {@code echo} (the request as JSON), {@code delay/<ms>}, {@code park} (answered
 * when the control's {@code /release} is called), {@code hold} (never
 * answered), {@code status/<code>}, {@code deliberate503} (a 503 problem+json with Retry-After), {@code chunks/<n>},
 * {@code chunked/<n>} (n bytes in 1-KiB chunks), {@code bytes/<n>} (n bytes, not chunked), {@code item/<id>} (GET: current version; write: bumps it),
 * {@code closefirst/<key>} (the first request for the path is read and its connection closed without an answer,
 * later ones are answered; query {@code after}: milliseconds to wait first, either way). Query
 * {@code cc}, {@code tags}, {@code vary}, {@code etag} set {@code Cache-Control}, {@code Cache-Tag}, {@code Vary},
 * {@code ETag}; {@code encoding} labels the body with that {@code Content-Encoding}.
 */
final class FakeUpstreams {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();
    private final java.util.Set<io.vertx.core.http.HttpServerResponse> parked = ConcurrentHashMap.newKeySet();
    private int controlPort;

    Map<String, Integer> start(String... names) throws Exception {
        for (String name : names) {
            up(name, 0);
        }
        controlPort = vertx.createHttpServer().requestHandler(this::control).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        return ports;
    }

    int controlPort() {
        return controlPort;
    }

    void close() {
        vertx.close();
    }

    private int up(String name, int port) throws Exception {
        return listen(name, port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Future<Integer> listen(String name, int port) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(name, request));
        return server.listen(port, "127.0.0.1").map(listening -> {
            servers.put(name, server);
            ports.put(name, listening.actualPort());
            return listening.actualPort();
        });
    }

    private void control(HttpServerRequest request) {
        String[] parts = request.path().split("/"); // /<action>/<name>
        String name = parts.length > 2 ? parts[2] : "";
        String action = parts.length > 1 ? parts[1] : "";
        Future<?> done;
        if (action.equals("count")) {
            int count = counts.getOrDefault(name + " " + request.getParam("path"), new AtomicInteger()).get();
            request.response().end(Integer.toString(count));
            return;
        } else if (action.equals("openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi(name).encode());
            return;
        } else if (action.equals("release")) {
            parked.removeIf(response -> {
                response.end("{\"released\":true}");
                return true;
            });
            request.response().end("ok");
            return;
        } else if (action.equals("fail") || action.equals("heal")) {
            done = Future.succeededFuture(action.equals("fail") ? failing.add(name) : failing.remove(name));
        } else if (action.equals("down") && servers.containsKey(name)) {
            done = servers.remove(name).close();
        } else if (action.equals("up") && ports.containsKey(name)) {
            done = listen(name, ports.get(name));
        } else {
            request.response().setStatusCode(404).end();
            return;
        }
        done.onSuccess(ok -> request.response().end("ok"))
                .onFailure(e -> request.response().setStatusCode(500).end(String.valueOf(e)));
    }

    private void answer(String name, HttpServerRequest request) {
        int seen = counts.computeIfAbsent(name + " " + request.path(), k -> new AtomicInteger()).incrementAndGet();
        request.body().onSuccess(body -> {
            String[] parts = request.path().split("/");
            String action = parts.length > 3 ? parts[3] : "";
            String arg = parts.length > 4 ? parts[4] : "";
            var response = request.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Upstream", name).putHeader("Connection", "keep-alive, X-Secret-Hop")
                    .putHeader("X-Secret-Hop", "must-not-leak");
            copyParam(request, "cc", "Cache-Control");
            copyParam(request, "tags", "Cache-Tag");
            copyParam(request, "vary", "Vary");
            copyParam(request, "etag", "ETag");
            copyParam(request, "token", "X-Consistency-Token");
            copyParam(request, "encoding", "Content-Encoding");
            JsonObject echo = new JsonObject().put("upstream", name).put("method", request.method().name())
                    .put("uri", request.uri()).put("bodyLength", body.length());
            request.headers().forEach(h -> echo.put("h:" + h.getKey().toLowerCase(), h.getValue()));
            if (failing.contains(name)) {
                response.setStatusCode(503).end(echo.encode());
                return;
            }
            switch (action) {
                case "delay" -> vertx.setTimer(Long.parseLong(arg), t -> response.end(echo.encode()));
                case "closefirst" -> vertx.setTimer(Math.max(1, Long.parseLong(param(request, "after", "0"))),
                        t -> {
                            if (seen == 1) {
                                request.connection().close(); // the request was read, no byte of an answer sent
                            } else {
                                response.end(echo.encode());
                            }
                        });
                case "hold" -> {
                } // an upstream that never answers: only the gateway's timeout or its client ends it
                case "park" -> parked.add(response); // answered when a test calls the control's /release
                case "status" -> response.setStatusCode(Integer.parseInt(arg)).end(echo.encode());
                case "deliberate503" ->
                    response.setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                            .putHeader("Retry-After", "1")
                            .end(new JsonObject().put("type", "/problems/service-unavailable")
                                    .put("status", 503).put("upstream", name).encode());
                case "chunks" -> {
                    response.setChunked(true);
                    for (int i = 0; i < Integer.parseInt(arg); i++) {
                        response.write("{\"chunk\":" + i + "}\n");
                    }
                    response.end();
                }
                case "chunked" -> { // n bytes (rounded down to KiB) in 1-KiB chunks, no Content-Length
                    response.setChunked(true);
                    for (int i = 0; i < Integer.parseInt(arg) / 1024; i++) {
                        response.write(Character.toString('a' + i % 26).repeat(1024));
                    }
                    response.end();
                }
                case "bytes" -> response.putHeader("Content-Type", "text/plain").end("0123456789".repeat(
                        Integer.parseInt(arg) / 10)); // a fixed-length body (Content-Length), n rounded down to tens
                case "item" -> {
                    AtomicInteger version = versions.computeIfAbsent(arg, k -> new AtomicInteger());
                    int current = request.method().name().equals("GET") ? version.get() : version.incrementAndGet();
                    response.putHeader("Cache-Tag", "item:" + arg + ",items")
                            .end(echo.put("id", arg).put("version", current).encode());
                }
                default -> response.end(echo.encode());
            }
        });
    }

    /** A service's OpenAPI document: two paths under its route, one outside it, one schema. */
    private static JsonObject openApi(String route) {
        JsonObject ok = new JsonObject().put("responses", new JsonObject().put("200",
                new JsonObject().put("description", "OK")));
        return new JsonObject().put("openapi", "3.0.3").put("info", new JsonObject().put("title", route))
                .put("tags", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "things")))
                .put("paths", new JsonObject()
                        .put("/api/" + route + "/things", new JsonObject().put("get", ok.copy()).put("post", ok.copy()))
                        .put("/api/" + route + "/admin/export", new JsonObject().put("get", ok.copy()))
                        .put("/q/health", new JsonObject().put("get", ok.copy())))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Thing", new JsonObject().put("type", "object"))));
    }

    private static String param(HttpServerRequest request, String name, String otherwise) {
        String value = request.getParam(name);
        return value != null ? value : otherwise;
    }

    private static void copyParam(HttpServerRequest request, String param, String header) {
        String value = request.getParam(param);
        if (value != null) {
            request.response().putHeader(header, value);
        }
    }
}
