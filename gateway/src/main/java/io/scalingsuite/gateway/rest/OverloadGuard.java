package io.scalingsuite.gateway.rest;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.GatewayMetrics;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.vertx.ext.web.RoutingContext;

/**
 * Protects the replica before any work is done: more than {@code gateway.http.max-in-flight} requests at once
 * are shed with an immediate 503 and {@code Retry-After} (queueing would only make clients time out), and a
 * declared body over {@code gateway.http.max-body-bytes} is refused with 413 before a byte is read.
 */
@Singleton
public class OverloadGuard {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final long maxBodyBytes;
    private final long retryAfterSeconds;
    private final GatewayMetrics metrics;

    public OverloadGuard(GatewayConfig config, GatewayMetrics metrics) {
        this.maxInFlight = config.http().maxInFlight();
        this.maxBodyBytes = config.http().maxBodyBytes();
        this.retryAfterSeconds = Math.max(1, config.http().shedRetryAfter().toSeconds());
        this.metrics = metrics;
    }

    /** Whether the request may proceed; if not, the problem has been sent. */
    public boolean admit(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            metrics.shed();
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
            Problems.send(ctx, 503, "overloaded", "Service Unavailable",
                    "The gateway is at capacity; retry after " + retryAfterSeconds + " s.");
            return false;
        }
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        if (ProxyHandler.declaredLength(ctx.request().getHeader("Content-Length")) > maxBodyBytes) {
            Problems.payloadTooLarge(ctx);
            return false;
        }
        return true;
    }

    public int inFlight() {
        return inFlight.get();
    }
}
