package io.scalingsuite.gateway.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream body read to store it: whole while it stays within the cap, whether or not it declared its length
 * (catalog sends bodies over its 8 KiB output buffer chunked, and a listing page is about 10 KiB). Past the cap the
 * read stops with the bytes so far and the response paused, for the proxy to stream the rest: the client still gets
 * every byte, and memory per request stays bounded by the cap.
 *
 * @param read the bytes read: the whole body, or its first part when {@code whole} is false
 * @param whole whether the body ended within the cap
 */
record CappedBody(Buffer read, boolean whole) {

    /** Call on the response's event loop before anything else reads it (its handlers are set here). */
    static Future<CappedBody> read(HttpClientResponse upstream, int maxBytes) {
        Promise<CappedBody> done = Promise.promise();
        Buffer read = Buffer.buffer();
        upstream.exceptionHandler(done::tryFail);
        upstream.endHandler(end -> done.tryComplete(new CappedBody(read, true)));
        upstream.handler(chunk -> {
            read.appendBuffer(chunk);
            if (read.length() > maxBytes) {
                upstream.pause(); // the rest is piped by whoever takes over the response
                upstream.handler(null).endHandler(null).exceptionHandler(null);
                done.tryComplete(new CappedBody(read, false));
            }
        });
        upstream.resume();
        return done.future();
    }
}
