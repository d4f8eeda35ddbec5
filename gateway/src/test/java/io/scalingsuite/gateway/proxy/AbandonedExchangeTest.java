package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/** An upstream answer whose client has left: what happens to the pooled connection (a real server and client). */
class AbandonedExchangeTest {

    private Vertx vertx;
    private HttpClient client;
    private int port;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.response()
                        .end(Buffer.buffer(new byte[Integer.parseInt(request.path().substring(1))])))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldKeepTheConnectionWhenASmallAnswerIsAbandoned() throws Exception {
        abandonAnswerOf(100);

        assertEquals(100, fetch(100).length(), "the next exchange goes through");
        assertEquals(1, connections.get(), "the abandoned body was drained, so its connection was reused");
    }

    @Test
    void shouldResetTheConnectionWhenALargeAnswerIsAbandoned() throws Exception {
        int large = ProxyHandler.SMALL_BODY_BYTES * 4;
        abandonAnswerOf(large);

        assertEquals(large, fetch(large).length(), "the next exchange goes through");
        assertEquals(2, connections.get(), "a large body is not read for nothing: its connection is closed");
    }

    private void abandonAnswerOf(int bytes) throws Exception {
        exchange(bytes, upstream -> {
            ProxyHandler.abandon(upstream, ProxyHandler.declaredLength(upstream.getHeader("Content-Length")));
            return Future.succeededFuture(Buffer.buffer());
        });
    }

    private Buffer fetch(int bytes) throws Exception {
        return exchange(bytes, HttpClientResponse::body);
    }

    private Buffer exchange(int bytes, Function<HttpClientResponse, Future<Buffer>> onAnswer)
            throws Exception {
        return client.request(HttpMethod.GET, port, "127.0.0.1", "/" + bytes)
                .compose(request -> request.send().compose(onAnswer))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
