package io.scalingsuite.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers the gateway's own errors as RFC 9457 {@code application/problem+json} with the request id, never with
 * an upstream's host, a class name or a stack trace. {@code type} is a relative URI under {@code /problems/}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset(); // too late for an error document: the client sees a broken stream
            return;
        }
        if (!ctx.request().isEnded()) {
            ctx.request().resume(); // discard an unread body so the connection stays usable
        }
        JsonObject problem = new JsonObject()
                .put("type", "/problems/" + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path())
                .put("requestId", RequestIds.requestId(ctx));
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        response.end(problem.encode());
    }

    public static void notFound(RoutingContext ctx) {
        send(ctx, 404, "not-found", "Not Found", "No route for this path.");
    }

    public static void badPath(RoutingContext ctx) {
        send(ctx, 400, "bad-path", "Bad Request",
                "The path has no canonical form: it contains dot or empty segments, ';' parameters, an encoded"
                        + " '/', '\\' or '%', a control character or invalid UTF-8.");
    }

    public static void payloadTooLarge(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close"); // the rest of the body is not worth reading
        send(ctx, 413, "payload-too-large", "Payload Too Large", "The request body is too large.");
    }

    /** 414 or 431: the connection is closed after the answer, as the HTTP codec would. */
    public static void tooLong(RoutingContext ctx, int status, String type, String title, String detail) {
        ctx.response().putHeader("Connection", "close");
        send(ctx, status, type, title, detail);
    }

    /** The body did not arrive within the route's timeout: the client was too slow, not the upstream. */
    public static void requestTimeout(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close"); // the rest of the body is not worth waiting for
        send(ctx, 408, "request-timeout", "Request Timeout", "The request body did not arrive in time.");
    }

    public static void badGateway(RoutingContext ctx) {
        send(ctx, 502, "bad-gateway", "Bad Gateway", "The service behind this route could not be reached.");
    }

    public static void unavailable(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        send(ctx, 503, "service-unavailable", "Service Unavailable",
                "The service behind this route is failing; try again shortly.");
    }

    /** A write the service applied but that the gateway could not make visible to every read (Redis failed). */
    public static void notVisible(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        send(ctx, 503, "write-not-confirmed", "Service Unavailable",
                "The write may have been applied, but the gateway could not make sure that reads show it, so reads"
                        + " may still show the previous state; read it again (or repeat it with its Idempotency-Key)"
                        + " shortly.");
    }

    public static void timeout(RoutingContext ctx) {
        send(ctx, 504, "gateway-timeout", "Gateway Timeout", "The service behind this route did not answer in time.");
    }
}
