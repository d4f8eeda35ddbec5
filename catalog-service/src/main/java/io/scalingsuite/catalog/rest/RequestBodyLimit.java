package io.scalingsuite.catalog.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.scalingsuite.catalog.config.CatalogConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a declared body larger than {@code catalog.http.max-body-bytes} before a byte of it is read, with a
 * problem+json 413. (A chunked body without Content-Length is cut off by {@code quarkus.http.limits.max-body-size}.)
 */
@ApplicationScoped
public class RequestBodyLimit {

    void install(@Observes Router router, CatalogConfig config) {
        long max = config.http().maxBodyBytes();
        String body = "{\"type\":\"/problems/payload-too-large\",\"title\":\"Payload Too Large\",\"status\":413,"
                + "\"detail\":\"The request body is larger than " + max + " bytes.\"}";
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && tooLarge(declared, max)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLarge(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
