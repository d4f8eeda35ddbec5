package io.scalingsuite.gateway.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.scalingsuite.gateway.proxy.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code /api/openapi}: the services' documents merged ({@link OpenApiMerger}), rebuilt at most every
 * {@code gateway.docs.refresh}; a service whose document cannot be fetched is left out until it can.
 * {@code /api/docs}: Swagger UI (from the swagger-ui webjar) showing that document.
 */
@ApplicationScoped
public class ApiDocs {

    public static final String OPENAPI_PATH = "/api/openapi";
    public static final String DOCS_PATH = "/api/docs";

    private final RouteTable routes;
    private final GatewayConfig config;
    private final HttpClient client;
    private volatile JsonObject merged;
    private volatile long mergedAtNanos;

    public ApiDocs(RouteTable routes, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.config = config;
        this.client = vertx.createHttpClient();
    }

    /** Whether the gateway itself answers this path (the merged document, Swagger UI) instead of a route. */
    public static boolean serves(String canonicalPath, HttpMethod method) {
        return method == HttpMethod.GET && (canonicalPath.equals(OPENAPI_PATH) || canonicalPath.equals(DOCS_PATH)
                || canonicalPath.startsWith(DOCS_PATH + "/"));
    }

    /** Answers a path {@link #serves} accepted, once the gateway's checks (rate limit, key) have passed. */
    public void handle(RoutingContext ctx, String canonicalPath) {
        if (canonicalPath.equals(OPENAPI_PATH)) {
            serve(ctx);
        } else {
            ctx.next(); // Swagger UI's routes below, after the gateway's own (order)
        }
    }

    void install(@Observes Router router) {
        router.get(DOCS_PATH).order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page());
            } else {
                ctx.redirect(DOCS_PATH + "/"); // the page loads its assets relative to /api/docs/
            }
        });
        router.get(DOCS_PATH + "/*").order(Integer.MIN_VALUE + 2).handler(StaticHandler
                .create("META-INF/resources/webjars/swagger-ui/" + config.docs().swaggerUiVersion())
                .setCachingEnabled(true));
    }

    /** Answers {@code GET /api/openapi}. */
    public void serve(RoutingContext ctx) {
        JsonObject current = merged;
        if (current != null && System.nanoTime() - mergedAtNanos < config.docs().refresh().toNanos()) {
            send(ctx, current);
            return;
        }
        List<Future<OpenApiMerger.Source>> fetches = new ArrayList<>();
        for (ProxyRoute route : routes.all()) {
            config.routes().get(route.name()).openapi().ifPresent(url -> fetches.add(fetch(route, url)));
        }
        Future.join(fetches).onComplete(done -> {
            List<OpenApiMerger.Source> sources = fetches.stream().filter(Future::succeeded).map(Future::result)
                    .toList();
            JsonObject document = OpenApiMerger.merge(sources);
            if (sources.size() == fetches.size()) {
                merged = document;
                mergedAtNanos = System.nanoTime();
            }
            send(ctx, document);
        });
    }

    private Future<OpenApiMerger.Source> fetch(ProxyRoute route, String url) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Accept", "application/json").setIdleTimeout(2000);
        return client.request(options).compose(request -> request.send()).compose(HttpClientResponse::body)
                .map(body -> new OpenApiMerger.Source(route, body.toJsonObject()));
    }

    private static void send(RoutingContext ctx, JsonObject document) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                .end(document.encode());
    }

    private static String page() {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Scaling Suite API</title>
                <link rel="stylesheet" href="swagger-ui.css"></head>
                <body><div id="swagger-ui"></div>
                <script src="swagger-ui-bundle.js"></script>
                <script>window.ui = SwaggerUIBundle({url: '%s', dom_id: '#swagger-ui'});</script>
                </body></html>""".formatted(OPENAPI_PATH);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
