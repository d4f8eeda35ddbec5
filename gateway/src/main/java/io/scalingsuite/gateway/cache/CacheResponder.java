package io.scalingsuite.gateway.cache;

import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.http.HeaderNames;
import io.scalingsuite.gateway.metrics.GatewayMetrics;
import io.scalingsuite.gateway.proxy.ForwardingHeaders;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers from a cache entry with {@code X-Cache} and {@code Age}; a matching {@code If-None-Match} gets a 304
 * without a body.
 */
@Singleton
public class CacheResponder {

    /** What a request was answered with, so requests that waited for it can be answered the same way. */
    public record Served(CachedResponse entry, String label) {
    }

    /** Recomputed per answer, so never stored. */
    private static final Set<String> NOT_STORED = Set.of("age", "date", "content-length", "set-cookie");
    private static final String[] NOT_MODIFIED_HEADERS = { "ETag", "Cache-Control", "Vary", "Expires",
            "Last-Modified" };

    private final ProxyHandler proxy;
    private final ForwardingHeaders forwarding;
    private final GatewayMetrics metrics;

    public CacheResponder(ProxyHandler proxy, ForwardingHeaders forwarding, GatewayMetrics metrics) {
        this.proxy = proxy;
        this.forwarding = forwarding;
        this.metrics = metrics;
    }

    /** label: the {@code X-Cache} value (HIT, MISS, STALE); layer: near, redis or upstream (for the metric). */
    public Served serve(RoutingContext ctx, ProxyRoute route, CachedResponse entry, String label, String layer) {
        metrics.cacheResult(route.name(), result(label), layer);
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return new Served(entry, label);
        }
        response.putHeader(HeaderNames.X_CACHE, label)
                .putHeader(HeaderNames.AGE, Long.toString(entry.ageSeconds(System.currentTimeMillis())));
        String etag = entry.headers().get("ETag");
        String ifNoneMatch = ctx.request().getHeader("If-None-Match");
        if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatusCode(304);
            for (String name : NOT_MODIFIED_HEADERS) {
                if (entry.headers().contains(name)) {
                    response.putHeader(name, entry.headers().getAll(name));
                }
            }
            response.end();
        } else {
            proxy.answerStored(ctx, entry.status(), entry.headers(), entry.body());
        }
        return new Served(entry, label);
    }

    /**
     * The headers to store with an entry: exactly what a client gets (hop-by-hop, internal and Connection-named
     * headers dropped once here), minus those recomputed per answer; so a hit copies them without filtering.
     */
    MultiMap storedHeaders(MultiMap upstream) {
        MultiMap stored = MultiMap.caseInsensitiveMultiMap();
        forwarding.copyToClient(upstream, stored);
        NOT_STORED.forEach(stored::remove);
        return stored;
    }

    private static String result(String label) {
        return switch (label) {
            case "HIT" -> "hit";
            case "MISS" -> "miss";
            case "STALE" -> "stale";
            default -> label.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        String weakless = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            tag = tag.startsWith("W/") ? tag.substring(2) : tag;
            if (tag.equals("*") || tag.equals(weakless)) {
                return true;
            }
        }
        return false;
    }
}
