package io.scalingsuite.gateway.cache;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.gateway.GatewayMetrics;
import io.scalingsuite.gateway.proxy.ProxyHandler;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers from a cache entry with {@code X-Cache} and {@code Age}; a matching {@code If-None-Match} gets a 304
 * without a body.
 */
@ApplicationScoped
public class CacheResponder {

    /** What a request was answered with, so requests that waited for it can be answered the same way. */
    public record Served(CachedResponse entry, String label) {
    }

    /** Recomputed per answer, so never stored. */
    private static final Set<String> NOT_STORED = Set.of("age", "date", "content-length", "set-cookie");
    private static final String[] NOT_MODIFIED_HEADERS = { "ETag", "Cache-Control", "Vary", "Expires",
            "Last-Modified" };

    private final ProxyHandler proxy;
    private final GatewayMetrics metrics;

    public CacheResponder(ProxyHandler proxy, GatewayMetrics metrics) {
        this.proxy = proxy;
        this.metrics = metrics;
    }

    public Served serve(RoutingContext ctx, ProxyRoute route, CachedResponse entry, String label) {
        metrics.cacheResult(route.name(), label.toLowerCase());
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return new Served(entry, label);
        }
        response.putHeader("X-Cache", label)
                .putHeader("Age", Long.toString(entry.ageSeconds(System.currentTimeMillis())));
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
            proxy.answer(ctx, entry.status(), entry.headers(), entry.body());
        }
        return new Served(entry, label);
    }

    static MultiMap storedHeaders(MultiMap upstream) {
        MultiMap stored = MultiMap.caseInsensitiveMultiMap();
        upstream.forEach(h -> {
            if (!NOT_STORED.contains(h.getKey().toLowerCase())) {
                stored.add(h.getKey(), h.getValue());
            }
        });
        return stored;
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
