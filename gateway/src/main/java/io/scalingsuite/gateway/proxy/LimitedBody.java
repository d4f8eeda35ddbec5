package io.scalingsuite.gateway.proxy;

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
 * declare no length, so this is the only place their size is known.
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** Raised into the pipe when the body grows past the limit; the pending upstream request is reset. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    /** The client's side of the body failed (connection closed, malformed chunk): no fault of the upstream's. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("client gone during the request body", cause, false, false);
        }
    }

    private final HttpServerRequest in;
    private final long maxBytes;
    private long seen;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(HttpServerRequest in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Streams {@code in}'s body to {@code request} with back-pressure. Unlike {@code send(ReadStream)}, a failing
     * body ({@link TooLarge}, {@link ClientGone}) resets the upstream request instead of ending it, so the upstream
     * never sees a truncated body; the returned future then fails with that cause.
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
        Promise<HttpClientResponse> result = Promise.promise();
        request.response().onComplete(result::tryComplete, result::tryFail);
        new LimitedBody(in, maxBytes).pipe().endOnFailure(false).to(request).onFailure(failure -> {
            result.tryFail(failure);
            abort(request, failure);
        });
        return result.future();
    }

    /** Resets a request that must not complete; the reset's own failure is expected, not an error to log. */
    static void abort(HttpClientRequest request, Throwable cause) {
        request.exceptionHandler(expected -> { });
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
        in.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
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
