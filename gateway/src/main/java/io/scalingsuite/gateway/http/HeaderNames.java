package io.scalingsuite.gateway.http;

import io.vertx.core.http.HttpHeaders;

/**
 * Header names the gateway writes on every exchange, made once as Netty {@code AsciiString}s: Vert.x hashes a
 * {@code String} name char by char on every put, but keeps an {@code AsciiString}'s hash and copies its bytes into
 * the response instead of encoding chars. Hashing and checking String headers showed up in a cache hit's profile
 * (bench/README.md, "Profile and fixes"); {@code make bench} profiles it, {@code bench/cpu.sh} compares two builds.
 */
public final class HeaderNames {

    public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
    public static final CharSequence TRACEPARENT = HttpHeaders.createOptimized("traceparent");
    public static final CharSequence RATE_LIMIT_LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
    public static final CharSequence RATE_LIMIT_REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
    public static final CharSequence RATE_LIMIT_RESET = HttpHeaders.createOptimized("RateLimit-Reset");
    public static final CharSequence X_CACHE = HttpHeaders.createOptimized("X-Cache");
    public static final CharSequence AGE = HttpHeaders.createOptimized("Age");
    public static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    public static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    public static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");

    private HeaderNames() {
    }
}
