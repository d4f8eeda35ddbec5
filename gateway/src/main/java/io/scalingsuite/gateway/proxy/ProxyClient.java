package io.scalingsuite.gateway.proxy;

import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.support.Deadlines;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Sends one client request to a route's upstream over pooled keep-alive connections (a pool per event loop:
 * {@link UpstreamClients}), streaming the body. The circuit is consulted first; a GET or HEAD whose connection
 * fails is retried once on another address, a request whose connection closes before the answer is sent once more
 * on a fresh connection when {@link Resend} allows it, and a GET or HEAD whose answer is late races a copy
 * ({@link HedgedRead}). The returned response has its headers only: the caller streams or buffers the body.
 */
@Singleton
public class ProxyClient {

    private final UpstreamClients pooled;
    /** For resends: a connection opened for the one request and closed after it, never one the upstream is closing. */
    private final UpstreamClients fresh;
    private final GatewayMetrics metrics;
    private final long maxBodyBytes;
    private final long hedgeAfterMillis;
    private final Vertx vertx;

    public ProxyClient(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
        GatewayConfig.Upstream upstream = config.upstream();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, upstream.keepAliveTimeout().toSeconds()))
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setDecompressionSupported(false)
                // the upstream call's span is the gateway's own (GatewayTracing), not one more from Vert.x
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setName("gateway-upstream");
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(upstream.maxPoolSize());
        this.pooled = new UpstreamClients(vertx, options, pool);
        this.fresh = new UpstreamClients(vertx,
                new HttpClientOptions(options).setKeepAlive(false).setName("gateway-upstream-fresh"), pool);
        this.metrics = metrics;
        this.maxBodyBytes = config.http().maxBodyBytes();
        this.hedgeAfterMillis = upstream.hedgeAfter().toMillis();
        this.vertx = vertx;
    }

    /**
     * {@code target}: the canonical path and query to send ({@link CanonicalPath}); {@code headers} writes the
     * request's headers into the upstream request's own map. The circuit's permit is completed here, once,
     * whichever way the exchange ends: {@link #settle} sees every result.
     */
    public Future<HttpClientResponse> send(ProxyRoute route, HttpServerRequest in, String target,
            Consumer<MultiMap> headers, boolean hasBody) {
        CircuitBreaker.Permit permit = route.circuit().tryAcquire();
        if (permit == null) {
            return Future
                    .failedFuture(new ProxyFailure(ProxyFailure.Kind.UNAVAILABLE, route.circuit().retryAfterSeconds()));
        }
        Future<HttpClientResponse> exchange;
        try {
            exchange = exchange(route, in, target, headers, hasBody);
        } catch (RuntimeException e) {
            exchange = Future.failedFuture(e);
        }
        return exchange.transform(result -> settle(route, permit, result));
    }

    private Future<HttpClientResponse> exchange(ProxyRoute route, HttpServerRequest in, String target,
            Consumer<MultiMap> headers, boolean hasBody) {
        int first = route.upstreams().pick(-1);
        if (first < 0) {
            return Future.failedFuture(new ProxyFailure(ProxyFailure.Kind.UNAVAILABLE, 1));
        }
        route.hedges().earn();
        long started = System.nanoTime();
        HedgedRead.Attempt original = attempt(route, in, target, headers, hasBody, first, pooled, started);
        if (hedgeAfterMillis <= 0 || hasBody || (in.method() != HttpMethod.GET && in.method() != HttpMethod.HEAD)) {
            return original.answer();
        }
        return HedgedRead.race(vertx, hedgeAfterMillis, original, () -> {
            if (Deadlines.millisLeft(started, route.timeout()) <= 0 || in.response().closed()
                    || route.circuit().state() == CircuitBreaker.State.OPEN || !route.hedges().spend()) {
                return null;
            }
            metrics.retry(route.name(), "hedge");
            int other = route.upstreams().pick(first); // another address if there is one, else the same
            return attempt(route, in, target, headers, false, other < 0 ? first : other, fresh, started);
        });
    }

    /**
     * One request to {@code index}, waiting for what is left of the route's timeout since {@code started}; a GET
     * or HEAD whose connection fails tries another address, and one whose connection closes before the answer is
     * sent once more when {@link Resend} allows it (not after it lost a hedged race).
     */
    private HedgedRead.Attempt attempt(ProxyRoute route, HttpServerRequest in, String target,
            Consumer<MultiMap> headers, boolean hasBody, int index, UpstreamClients clients, long started) {
        HedgedRead.Attempt attempt = new HedgedRead.Attempt();
        long wait = Math.max(1, Deadlines.millisLeft(started, route.timeout()));
        return attempt.answering(connect(route, in, target, index, clients, wait, true)
                .onSuccess(attempt::sent)
                .compose(request -> send(request, in, headers, hasBody, failure -> {
                    long left = Deadlines.millisLeft(started, route.timeout());
                    if (attempt.lost() || !Resend.allowed(in, hasBody, failure, route.circuit(), left)) {
                        return ProxyFailure.of(failure);
                    }
                    metrics.retry(route.name(), "closed");
                    int next = route.upstreams().pick(index); // another address if there is one, else the same
                    return connect(route, in, target, next < 0 ? index : next, fresh, left, false)
                            .compose(again -> send(again, in, headers, false, ProxyFailure::of));
                })));
    }

    /** Writes the headers and sends; {@code failed} turns a failed answer into the exchange's result. */
    private Future<HttpClientResponse> send(HttpClientRequest request, HttpServerRequest in,
            Consumer<MultiMap> headers, boolean hasBody, Function<Throwable, Future<HttpClientResponse>> failed) {
        try {
            headers.accept(request.headers());
        } catch (RuntimeException e) {
            LimitedBody.abort(request, e); // never sent: give the pooled connection back
            return Future.failedFuture(e);
        }
        Future<HttpClientResponse> response = hasBody ? LimitedBody.send(request, in, maxBodyBytes) : request.send();
        return response.recover(failed);
    }

    /**
     * Completes the permit and counts upstream failures: connect errors, timeouts, broken exchanges, and the answers
     * {@link UpstreamOutcome} calls failures (not a deliberate 503).
     */
    private Future<HttpClientResponse> settle(ProxyRoute route, CircuitBreaker.Permit permit,
            AsyncResult<HttpClientResponse> result) {
        if (result.succeeded()) {
            HttpClientResponse response = result.result();
            CircuitBreaker.Outcome outcome = UpstreamOutcome.of(response.statusCode(), response.headers());
            permit.complete(outcome);
            if (outcome == CircuitBreaker.Outcome.FAILURE) {
                metrics.upstreamFailure(route.name(), "status-5xx");
            }
            return Future.succeededFuture(response);
        }
        String reason = result.cause() instanceof ProxyFailure failure ? failure.kind().reason() : null;
        // Anything else ended the exchange before the upstream showed how it is: the client's fault or ours.
        permit.complete(reason != null ? CircuitBreaker.Outcome.FAILURE : CircuitBreaker.Outcome.NEUTRAL);
        if (reason != null) {
            metrics.upstreamFailure(route.name(), reason);
        }
        return Future.failedFuture(result.cause());
    }

    /** {@code waitMillis}: how long the request waits for the answer's head once sent. */
    private Future<HttpClientRequest> connect(ProxyRoute route, HttpServerRequest in, String target, int index,
            UpstreamClients clients, long waitMillis, boolean mayRetry) {
        SocketAddress address = route.upstreams().address(index);
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setServer(address)
                .setHost(address.host())
                .setPort(address.port())
                .setURI(target)
                .setIdleTimeout(waitMillis);
        UpstreamPool upstreams = route.upstreams();
        upstreams.sent(index);
        Future<HttpClientRequest> request = clients.current().request(options);
        // the answer's head, a failure, a reset or the timeout: every request ends its response future
        request.onSuccess(sent -> sent.response().onComplete(answer -> upstreams.answered(index)));
        return request.recover(failure -> {
            upstreams.answered(index);
            upstreams.markFailed(index);
            boolean idempotent = in.method() == HttpMethod.GET || in.method() == HttpMethod.HEAD;
            int other = mayRetry && idempotent ? upstreams.pick(index) : -1;
            if (other >= 0) {
                metrics.retry(route.name(), "connect");
                return connect(route, in, target, other, clients, waitMillis, false);
            }
            return Future.failedFuture(new ProxyFailure(ProxyFailure.Kind.CONNECT, 1));
        });
    }

    @PreDestroy
    void close() {
        pooled.close();
        fresh.close();
    }
}
