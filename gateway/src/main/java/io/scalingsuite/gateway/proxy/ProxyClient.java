package io.scalingsuite.gateway.proxy;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.scalingsuite.gateway.GatewayMetrics;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one client request to a route's upstream over pooled keep-alive connections (a pool per event loop:
 * {@link UpstreamClients}), streaming the body. The circuit is consulted first; a GET or HEAD whose connection
 * fails is retried once on another address. The returned response has its headers only: the caller streams or
 * buffers the body.
 */
@Singleton
public class ProxyClient {

    private final UpstreamClients clients;
    private final GatewayMetrics metrics;
    private final long maxBodyBytes;

    public ProxyClient(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
        GatewayConfig.Upstream upstream = config.upstream();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, upstream.keepAliveTimeout().toSeconds()))
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setDecompressionSupported(false)
                .setName("gateway-upstream");
        this.clients = new UpstreamClients(vertx, options, new PoolOptions().setHttp1MaxSize(upstream.maxPoolSize()));
        this.metrics = metrics;
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    /**
     * {@code target}: the canonical path and query to send ({@link CanonicalPath}); {@code headers} writes the
     * request's headers into the upstream request's own map.
     */
    public Future<HttpClientResponse> send(ProxyRoute route, HttpServerRequest in, String target,
            Consumer<MultiMap> headers, boolean hasBody) {
        if (!route.circuit().tryAcquire()) {
            return Future.failedFuture(new ProxyFailure(ProxyFailure.Kind.UNAVAILABLE, route.circuit().retryAfterSeconds()));
        }
        int first = route.upstreams().pick(-1);
        if (first < 0) {
            return Future.failedFuture(new ProxyFailure(ProxyFailure.Kind.UNAVAILABLE, 1));
        }
        return connect(route, in, target, headers, first, true).compose(request -> {
            Future<HttpClientResponse> response = hasBody ? sendBody(request, in) : request.send();
            return response.transform(result -> {
                if (result.failed() && result.cause() instanceof LimitedBody.TooLarge tooLarge) {
                    return Future.failedFuture(tooLarge); // the client's fault, not the upstream's
                }
                if (result.failed()) {
                    route.circuit().onFailure();
                    boolean timeout = result.cause() instanceof TimeoutException;
                    metrics.upstreamFailure(route.name(), timeout ? "timeout" : "broken");
                    return Future.failedFuture(new ProxyFailure(timeout ? ProxyFailure.Kind.TIMEOUT
                            : ProxyFailure.Kind.BROKEN, 1));
                }
                if (result.result().statusCode() >= 500) {
                    route.circuit().onFailure();
                    metrics.upstreamFailure(route.name(), "status-5xx");
                } else {
                    route.circuit().onSuccess();
                }
                return Future.succeededFuture(result.result());
            });
        });
    }

    /**
     * Streams the body with back-pressure. Unlike {@code send(ReadStream)}, a failing body (too large, client
     * gone) resets the upstream request instead of ending it, so the upstream never sees a truncated body.
     */
    private Future<HttpClientResponse> sendBody(HttpClientRequest request, HttpServerRequest in) {
        if (in.getHeader("Content-Length") == null) {
            request.setChunked(true);
        }
        Promise<HttpClientResponse> result = Promise.promise();
        request.response().onComplete(result::tryComplete, result::tryFail);
        new LimitedBody(in, maxBodyBytes).pipe().endOnFailure(false).to(request).onFailure(failure -> {
            result.tryFail(failure);
            request.reset(0, failure);
        });
        return result.future();
    }

    private Future<HttpClientRequest> connect(ProxyRoute route, HttpServerRequest in, String target,
            Consumer<MultiMap> headers, int index, boolean mayRetry) {
        SocketAddress address = route.upstreams().address(index);
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setServer(address)
                .setHost(address.host())
                .setPort(address.port())
                .setURI(target)
                .setIdleTimeout(route.timeout().toMillis());
        return clients.current().request(options).map(request -> {
            headers.accept(request.headers());
            return request;
        }).recover(failure -> {
            route.upstreams().markFailed(index);
            boolean idempotent = in.method() == HttpMethod.GET || in.method() == HttpMethod.HEAD;
            int other = mayRetry && idempotent ? route.upstreams().pick(index) : -1;
            if (other >= 0) {
                metrics.retry(route.name());
                return connect(route, in, target, headers, other, false);
            }
            route.circuit().onFailure();
            metrics.upstreamFailure(route.name(), "connect");
            return Future.failedFuture(new ProxyFailure(ProxyFailure.Kind.CONNECT, 1));
        });
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
