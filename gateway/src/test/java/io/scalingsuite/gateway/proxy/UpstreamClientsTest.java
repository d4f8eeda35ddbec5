package io.scalingsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/** Upstream connections stay on the event loop that uses them: a real server, two event loops. */
class UpstreamClientsTest {

    private Vertx vertx;
    private UpstreamClients clients;
    private int port;
    private Context first;
    private Context second;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        port = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        clients = new UpstreamClients(vertx, new HttpClientOptions().setKeepAlive(true), new PoolOptions());
        // Two verticle instances get the pool's two event loops, as the HTTP server's instances do in the gateway
        List<Context> contexts = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first = contexts.get(0);
        second = contexts.get(1);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldGiveEachEventLoopItsOwnClient() throws Exception {
        HttpClient onFirst = on(first, () -> clients.current());
        HttpClient onSecond = on(second, () -> clients.current());

        assertNotSame(onFirst, onSecond);
        assertSame(onFirst, on(first, () -> clients.current()));
        assertEquals(2, clients.eventLoops());
    }

    @Test
    void shouldNotLendAnIdleConnectionToAnotherEventLoop() throws Exception {
        int firstPort = localPortOfExchange(first);
        int secondPort = localPortOfExchange(second); // the first loop's connection is idle now, yet not lent

        assertNotEquals(firstPort, secondPort);
        assertEquals(firstPort, localPortOfExchange(first), "each loop keeps reusing its own connection");
    }

    /** The client-side port of the connection one GET used, sent from the context's event loop. */
    private int localPortOfExchange(Context context) throws Exception {
        CompletableFuture<Integer> localPort = new CompletableFuture<>();
        context.runOnContext(v -> clients.current().request(HttpMethod.GET, port, "127.0.0.1", "/")
                .compose(request -> request.send().compose(response -> response.body()
                        .map(body -> request.connection().localAddress().port())))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        localPort.complete(done.result());
                    } else {
                        localPort.completeExceptionally(done.cause());
                    }
                }));
        return localPort.get(10, TimeUnit.SECONDS);
    }

    private static <T> T on(Context context, java.util.function.Supplier<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(call.get()));
        return result.get(10, TimeUnit.SECONDS);
    }
}
