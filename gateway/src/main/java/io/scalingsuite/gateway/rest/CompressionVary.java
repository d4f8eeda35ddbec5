package io.scalingsuite.gateway.rest;

import java.util.Locale;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * The gateway compresses every answer for the client's {@code Accept-Encoding} (quarkus.http.enable-compression),
 * so every answer says {@code Vary: Accept-Encoding}: a shared cache in front of the gateway must not hand a gzip
 * body to a client that did not ask for one. The gateway's own cache stores identity bodies only (CachePolicy) and
 * encodes per answer, so its entries need no variant per encoding.
 */
final class CompressionVary {

    private static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

    private CompressionVary() {
    }

    /** Adds {@code Accept-Encoding} to the answer's Vary unless it is there already (or Vary is {@code *}). */
    static void add(MultiMap headers) {
        if (!headers.contains(VARY)) {
            headers.set(VARY, ACCEPT_ENCODING);
            return;
        }
        String joined = String.join(", ", headers.getAll(VARY));
        String lower = joined.toLowerCase(Locale.ROOT);
        if (!lower.contains("accept-encoding") && !lower.contains("*")) {
            headers.set(VARY, joined + ", " + ACCEPT_ENCODING);
        }
    }
}
