package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * Lets shared caches keep successful reads: a GET answered 200 or 304 with a {@code Cache-Tag} becomes
 * {@code public} for {@code catalog.http.max-age}, servable while catalog fails for {@code stale-if-error}.
 * Everything else (writes, errors) is {@code no-store}, so no cache ever keeps a 404 or a problem.
 */
public class CacheControlFilter {

    public static final String CACHE_TAG = "Cache-Tag";

    private final String cacheable;

    public CacheControlFilter(CatalogConfig config) {
        this.cacheable = "public, max-age=" + config.http().maxAge().toSeconds() + ", stale-if-error="
                + config.http().staleIfError().toSeconds();
    }

    @ServerResponseFilter
    public void cacheControl(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && (status == 200 || status == 304) && response.getHeaders().containsKey(CACHE_TAG)) {
            response.getHeaders().putSingle("Cache-Control", cacheable);
        } else {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
