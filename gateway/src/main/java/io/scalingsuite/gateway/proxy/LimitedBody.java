package io.scalingsuite.gateway.proxy;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * A request body streamed upstream that fails once more than {@code maxBytes} have passed: chunked bodies
 * declare no length, so this is the only place their size is known. Also tells apart a body that failed on the
 * client's side ({@link ClientFault}) from an upstream that failed.
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** The exchange failed through the client's fault: no sign of the upstream's health either way. */
    abstract static class ClientFault extends RuntimeException {
        ClientFault(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Raised into the pipe when the body grows past the limit; the pending upstream request is reset. */
    static final class TooLarge extends ClientFault {
        TooLarge() {
            super("request body too large", null);
        }
    }

    /** The client's side of the body failed (connection closed, malformed chunk). */
    static final class ClientGone extends ClientFault {
        ClientGone(Throwable cause) {
            super("client gone during the request body", cause);
        }
    }

    /** The route's timeout passed while the gateway still waited for the client's body, not for the upstream. */
    static final class TooSlow extends ClientFault {
        TooSlow() {
            super("request body too slow", null);
        }
    }

    private final HttpServerRequest in;
    private final long maxBytes;
    private long seen;
    private Handler<Throwable> exceptionHandler;
    /** Paused by the pipe: the upstream is not taking the body as fast as the client sends it. */
    private boolean upstreamFull;

    LimitedBody(HttpServerRequest in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Streams {@code in}'s body to {@code request} with back-pressure. Unlike {@code send(ReadStream)}, a failing
     * body ({@link ClientFault}) resets the upstream request instead of ending it, so the upstream never sees a
     * truncated body; the returned future then fails with that cause.
     */
    static Future<HttpClientResponse> send(HttpClientRequest request, HttpServerRequest in, long maxBytes) {
        if (in.response().closed()) {
            ClientGone gone = new ClientGone(null); // left while the upstream connection was being made
            abort(request, gone);
            return Future.failedFuture(gone);
        }
        if (in.getHeader("Content-Length") == null) {
            request.setChunked(true);
        }
        // Every failure also reaches the response future or the pipe; unhandled here, Vert.x would log it as an error.
        request.exceptionHandler(expected -> {});
        LimitedBody body = new LimitedBody(in, maxBytes);
        Promise<HttpClientResponse> result = Promise.promise();
        Future<Void> sent = body.pipe().endOnFailure(false).to(request);
        request.response().onComplete(result::tryComplete, failure -> result.tryFail(body.blame(failure, sent)));
        sent.onFailure(failure -> {
            result.tryFail(body.blame(failure, sent));
            abort(request, failure);
        });
        return result.future();
    }

    /** A timeout while the client's body is still awaited (and the upstream takes it) is the client's. */
    private Throwable blame(Throwable failure, Future<Void> sent) {
        return failure instanceof TimeoutException && !sent.succeeded() && !upstreamFull ? new TooSlow() : failure;
    }

    /** Resets a request that must not complete; the reset's own failure is expected, not an error to log. */
    static void abort(HttpClientRequest request, Throwable cause) {
        request.exceptionHandler(expected -> {});
        request.reset(0, cause);
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            in.handler(null);
            return this;
        }
        in.handler(chunk -> {
            seen += chunk.length();
            if (seen > maxBytes) {
                in.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge());
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        in.exceptionHandler(handler == null ? null : failure -> handler.handle(new ClientGone(failure)));
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        upstreamFull = true; // only the pipe pauses through here, when the upstream's write queue is full
        in.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        upstreamFull = false;
        in.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        in.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        in.endHandler(endHandler);
        return this;
    }
}
