package io.scalingsuite.gateway.security;

import io.scalingsuite.gateway.proxy.CallerSigner;

/**
 * Who is calling: a known key, or an anonymous client known by its address (null for a known key: it is not
 * needed then). {@code badKey} marks a request that presented an unknown key (limited by address, then refused
 * with 401).
 */
public record Caller(ApiKeys.Key key, String address, boolean badKey) {

    public boolean has(String scope) {
        return key != null && key.scopes().contains(scope);
    }

    /** Who the services are told is calling. */
    public CallerSigner.Identity identity() {
        return key != null ? key.identity() : CallerSigner.Identity.ANONYMOUS;
    }

    /** The rate-limit bucket: per key, or per client address. */
    public String bucket() {
        return key != null ? key.bucket() : "ip:" + address;
    }
}
