package io.scalingsuite.gateway.proxy;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.rest.Problems;
import io.scalingsuite.gateway.rest.RequestIds;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards an exchange and streams the upstream's answer back without buffering it; turns failures into the
 * gateway's own 502/503/504 problems. Runs entirely on the event loop.
 */
@Singleton
public class ProxyHandler {

    private final ProxyClient client;
    private final ForwardingHeaders headers;

    public ProxyHandler(ProxyClient client, ForwardingHeaders headers) {
        this.client = client;
        this.headers = headers;
    }

    /** Sends the exchange upstream; the response's headers are in, its body not yet read. */
    public Future<HttpClientResponse> send(RoutingContext ctx, ProxyRoute route) {
        HttpServerRequest in = ctx.request();
        MultiMap out = headers.upstreamRequest(in, RequestIds.requestId(ctx), RequestIds.traceparent(ctx));
        return client.send(route, in, out, hasBody(in));
    }

    /** Forwards and streams; {@code beforeAnswer} may hold the answer back (e.g. to purge the cache first). */
    public void forward(RoutingContext ctx, ProxyRoute route,
            Function<HttpClientResponse, Future<Void>> beforeAnswer) {
        Context context = Vertx.currentContext();
        send(ctx, route).onComplete(result -> {
            if (result.failed()) {
                fail(ctx, result.cause());
                return;
            }
            HttpClientResponse upstream = result.result();
            upstream.pause();
            Future<Void> ready = beforeAnswer.apply(upstream);
            if (ready.isComplete() && Vertx.currentContext() == context) {
                stream(ctx, upstream); // nothing to wait for, and already on the request's event loop
                return;
            }
            ready.onComplete(ignored -> context.runOnContext(v -> stream(ctx, upstream)));
        });
    }

    public void stream(RoutingContext ctx, HttpClientResponse upstream) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode());
        headers.copyToClient(upstream.headers(), response.headers());
        if (upstream.getHeader("Content-Length") == null && ctx.request().method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
        upstream.pipe().endOnFailure(false).to(response).onFailure(broken -> {
            upstream.request().reset();
            response.reset();
        });
    }

    /** Answers from the cache: headers as stored (already filtered for clients, no Content-Length) and the body. */
    public void answerStored(RoutingContext ctx, int status, MultiMap storedHeaders, Buffer body) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status);
        response.headers().addAll(storedHeaders);
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    public static void fail(RoutingContext ctx, Throwable cause) {
        if (cause instanceof LimitedBody.TooLarge) {
            Problems.payloadTooLarge(ctx);
            return;
        }
        if (!(cause instanceof ProxyFailure failure)) {
            Problems.badGateway(ctx);
            return;
        }
        switch (failure.kind()) {
            case UNAVAILABLE -> Problems.unavailable(ctx, failure.retryAfterSeconds());
            case TIMEOUT -> Problems.timeout(ctx);
            default -> Problems.badGateway(ctx);
        }
    }

    /** Whether the request declares a body (a length above zero, or chunked). */
    public static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader("Content-Length");
        return (length != null && !length.trim().equals("0")) || in.getHeader("Transfer-Encoding") != null;
    }
}
