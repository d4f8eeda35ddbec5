package io.scalingsuite.gateway.proxy;

import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.http.RequestIds;
import io.scalingsuite.gateway.metrics.GatewayTracing;
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

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);

    /** Upstream bodies up to this declared length are read whole and answered in one write, larger ones piped. */
    static final int SMALL_BODY_BYTES = 16 * 1024;

    private final ProxyClient client;
    private final ForwardingHeaders headers;
    private final CallerSigner signer;
    private final GatewayTracing tracing;

    public ProxyHandler(ProxyClient client, ForwardingHeaders headers, CallerSigner signer, GatewayTracing tracing) {
        this.client = client;
        this.headers = headers;
        this.signer = signer;
        this.tracing = tracing;
    }

    /**
     * Sends the exchange upstream; the response's headers are in, its body not yet read. With tracing on, the
     * {@code traceparent} sent is the upstream call's client span ({@link GatewayTracing}).
     */
    public Future<HttpClientResponse> send(RoutingContext ctx, ProxyRoute route) {
        HttpServerRequest in = ctx.request();
        String requestId = RequestIds.requestId(ctx);
        String traceparent = RequestIds.traceparent(ctx);
        String target = CanonicalPath.target(ctx);
        tracing.startUpstream(ctx, route.name(), route.prefix());
        return client.send(route, in, target, out -> {
            headers.toUpstream(in, requestId, traceparent, out);
            tracing.propagate(ctx, out);
            signer.sign(ctx, target, out);
        }, hasBody(in)).andThen(sent -> tracing.upstreamAnswered(ctx,
                sent.succeeded() ? sent.result().statusCode() : 0, sent.cause()));
    }

    /**
     * A write applied upstream that later reads might not show (its cached copies could not be dropped, or its
     * read-your-writes token not kept): answered 503, never 2xx.
     */
    public static final class NotVisible extends RuntimeException {

        /** {@code what} could not be done: the purge, the read-your-writes token; {@code why} is Redis's failure. */
        public NotVisible(String what, Throwable why) {
            super(what + ": " + (why.getMessage() != null ? why.getMessage() : why.getClass().getSimpleName()), null,
                    false, false);
        }
    }

    /**
     * Forwards and streams; {@code beforeAnswer} may hold the answer back (e.g. to purge the cache first), and if
     * it fails with {@link NotVisible} the answer is a 503 problem instead of the upstream's.
     */
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
            if (ready.succeeded() && Vertx.currentContext() == context) {
                stream(ctx, upstream); // nothing to wait for, and already on the request's event loop
                return;
            }
            ready.onComplete(done -> context.runOnContext(v -> {
                if (done.failed() && done.cause() instanceof NotVisible notVisible) {
                    // the client is told only that its write may not show; the operator, what failed
                    LOG.warnf("%s %s (request %s) answered 503 write-not-confirmed after upstream %d: %s",
                            ctx.request().method(), CanonicalPath.get(ctx), RequestIds.requestId(ctx),
                            upstream.statusCode(), notVisible.getMessage());
                    abandon(upstream, declaredLength(upstream.getHeader("Content-Length")));
                    Problems.notVisible(ctx);
                } else {
                    stream(ctx, upstream);
                }
            }));
        });
    }

    public void stream(RoutingContext ctx, HttpClientResponse upstream) {
        HttpServerResponse response = ctx.response();
        long length = declaredLength(upstream.getHeader("Content-Length"));
        if (response.closed()) {
            abandon(upstream, length);
            return;
        }
        response.setStatusCode(upstream.statusCode());
        headers.copyToClient(upstream.headers(), response.headers());
        if (length < 0 && ctx.request().method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
        if (length >= 0 && length <= SMALL_BODY_BYTES) {
            // Read whole, answered in one write: a piped body costs a write and a flush through the server's
            // pipeline per chunk, then another for the end, for bodies that arrive in one read anyway.
            upstream.body().onComplete(body -> {
                if (body.failed()) {
                    response.reset();
                } else if (!response.closed()) {
                    response.end(body.result());
                }
            });
            upstream.resume(); // after body() is asked for, so no chunk arrives before it is collected
            return;
        }
        pipe(upstream, response);
    }

    /**
     * Streams an answer of unknown length whose first bytes were already read (a body that turned out too large to
     * store), paused where the reading stopped.
     */
    public void stream(RoutingContext ctx, HttpClientResponse upstream, Buffer head) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            abandon(upstream, -1);
            return;
        }
        response.setStatusCode(upstream.statusCode());
        headers.copyToClient(upstream.headers(), response.headers());
        response.setChunked(true).write(head);
        pipe(upstream, response);
    }

    private static void pipe(HttpClientResponse upstream, HttpServerResponse response) {
        upstream.pipe().endOnFailure(false).to(response).onFailure(broken -> {
            upstream.request().reset();
            response.reset();
        });
    }

    /**
     * The client left before the answer: a small body is read and dropped, so the pooled connection stays usable
     * (a reset closes it, and under overload clients leave by the thousand); a large one is reset, its expected
     * exception swallowed instead of logged as an error.
     */
    static void abandon(HttpClientResponse upstream, long length) {
        if (length >= 0 && length <= SMALL_BODY_BYTES) {
            upstream.body();
            upstream.resume();
        } else {
            upstream.exceptionHandler(expected -> {});
            upstream.request().reset();
        }
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
        if (cause instanceof LimitedBody.TooSlow) {
            Problems.requestTimeout(ctx);
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

    /** A {@code Content-Length} header's value, or -1 when there is none or it is not a number. */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the request declares a body (a length above zero, or chunked). */
    public static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader("Content-Length");
        return (length != null && !length.trim().equals("0")) || in.getHeader("Transfer-Encoding") != null;
    }
}
