package io.scalingsuite.catalog.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.scalingsuite.catalog.config.CatalogConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a declared body larger than {@code catalog.http.max-body-bytes} before a byte of it is read, with a
 * problem+json 413. A chunked body (no Content-Length) is read here up to the same limit (Vert.x' BodyHandler, which
 * the REST layer then takes the body from); one byte more fails the request with 413, answered as problem+json by
 * the failure handler below rather than with Quarkus' empty 413.
 */
@ApplicationScoped
public class RequestBodyLimit {

    void install(@Observes Router router, CatalogConfig config) {
        long max = config.http().maxBodyBytes();
        String detail = "The request body is larger than " + max + " bytes.";
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(max);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && tooLarge(declared, max)) {
                refuse(ctx, detail);
                return;
            }
            if (declared == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                chunked.handle(ctx);
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, detail);
            } else {
                ctx.next();
            }
        });
    }

    private static void refuse(RoutingContext ctx, String detail) {
        JsonObject problem = new JsonObject().put("type", "/problems/payload-too-large")
                .put("title", "Payload Too Large").put("status", 413).put("detail", detail)
                .put("instance", ctx.request().path()); // as every other problem: the path the request named
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }

    private static boolean tooLarge(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
