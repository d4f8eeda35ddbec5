package io.scalingsuite.gateway.rest;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Protects the replica before any work is done: more than {@code gateway.http.max-in-flight} requests at once
 * are shed with an immediate 503 and {@code Retry-After} (queueing would only make clients time out); a declared
 * body over {@code gateway.http.max-body-bytes} is refused with 413 before a byte is read; a request target over
 * {@code max-uri-bytes} with 414 and a header block over {@code max-header-bytes} with 431. The HTTP codec's own
 * limits sit above these (application.properties), so these answers are problem+json with the request id rather
 * than the codec's bare ones.
 */
@Singleton
public class OverloadGuard {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final long maxBodyBytes;
    private final int maxUriBytes;
    private final int maxHeaderBytes;
    private final long retryAfterSeconds;
    private final GatewayMetrics metrics;

    public OverloadGuard(GatewayConfig config, GatewayMetrics metrics) {
        this.maxInFlight = config.http().maxInFlight();
        this.maxBodyBytes = config.http().maxBodyBytes();
        this.maxUriBytes = config.http().maxUriBytes();
        this.maxHeaderBytes = config.http().maxHeaderBytes();
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
        if (ctx.request().uri().length() > maxUriBytes) {
            Problems.tooLong(ctx, 414, "uri-too-long", "URI Too Long",
                    "The request target is longer than " + maxUriBytes + " bytes.");
            return false;
        }
        if (headerBytes(ctx.request().headers()) > maxHeaderBytes) {
            Problems.tooLong(ctx, 431, "header-fields-too-large", "Request Header Fields Too Large",
                    "The request's headers are larger than " + maxHeaderBytes + " bytes.");
            return false;
        }
        if (ProxyHandler.declaredLength(ctx.request().getHeader("Content-Length")) > maxBodyBytes) {
            Problems.payloadTooLarge(ctx);
            return false;
        }
        return true;
    }

    /** The header block's size as sent: each line is name, ": ", value and CRLF. */
    private static int headerBytes(MultiMap headers) {
        int total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    public int inFlight() {
        return inFlight.get();
    }
}
