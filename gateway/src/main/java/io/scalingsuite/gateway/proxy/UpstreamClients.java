package io.scalingsuite.gateway.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The upstream HTTP clients, one per event loop. A single Vert.x client pools its connections for every event
 * loop and hands out the one used last, so an exchange that arrived on one loop was mostly written and read on
 * another: each proxied request then crossed threads twice (the write queued to the connection's loop, the
 * response queued back to the request's), each a task queue and a wake-up. A client created on a loop opens its
 * connections on that loop ({@code PoolOptions} event-loop size 0), so an exchange stays on one thread.
 */
final class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final Map<Thread, HttpClient> byEventLoop = new ConcurrentHashMap<>();
    /** For a caller on no event loop (none on the request path): connections on loops Vert.x picks. */
    private volatile HttpClient offLoop;

    UpstreamClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = new PoolOptions(pool).setEventLoopSize(0);
    }

    /** The calling event loop's client, created on first use from that loop. */
    HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return offLoop();
        }
        Thread loop = Thread.currentThread();
        HttpClient client = byEventLoop.get(loop);
        return client != null ? client : byEventLoop.computeIfAbsent(loop, l -> create());
    }

    /** How many event loops have a client (for tests). */
    int eventLoops() {
        return byEventLoop.size();
    }

    void close() {
        byEventLoop.values().forEach(HttpClient::close);
        byEventLoop.clear();
        if (offLoop != null) {
            offLoop.close();
        }
    }

    private synchronized HttpClient offLoop() {
        if (offLoop == null) {
            offLoop = create();
        }
        return offLoop;
    }

    private HttpClient create() {
        return vertx.createHttpClient(options, pool);
    }
}
