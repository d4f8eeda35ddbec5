package io.scalingsuite.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
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

    private final HttpServerRequest in;
    private final long maxBytes;
    private long seen;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(HttpServerRequest in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
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
        in.exceptionHandler(handler);
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
