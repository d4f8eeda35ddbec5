package io.scalingsuite.gateway.security;

/**
 * Who is calling: a known key, or an anonymous client known by its address (null for a known key: it is not
 * needed then). {@code badKey} marks a request that presented an unknown key (limited by address, then refused
 * with 401).
 */
public record Caller(ApiKeys.Key key, String address, boolean badKey) {

    public boolean has(String scope) {
        return key != null && key.scopes().contains(scope);
    }

    /** The rate-limit bucket: per key, or per client address. */
    public String bucket() {
        return key != null ? key.bucket() : "ip:" + address;
    }
}
