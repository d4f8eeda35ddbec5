package io.scalingsuite.gateway.cache;

import java.util.Arrays;
import java.util.List;

import io.scalingsuite.gateway.support.Sha256;
import io.vertx.core.http.HttpServerRequest;

/**
 * Redis key layout under the configured prefix and the hash tag {@code {cache}}: {@code e2:<sha256>} an entry (method, path, sorted query and the
 * values of the headers its {@code Vary} names; format 2: its headers are stored as clients get them, so entries
 * of format 1, which held hop-by-hop and internal headers, are never read), {@code v:<sha256>} the Vary names
 * last seen for a resource, {@code t:<tag>} the set of entry keys carrying a tag, {@code p:<tag>} the purge
 * sequence number of the tag's last purge, and {@code purge-seq} the counter those numbers come from. The hash tag
 * puts every key in one Redis Cluster slot, because the store and purge scripts touch an entry, its tag sets and
 * the purge stamps atomically; on a cluster the shared cache therefore lives on one master (and its replicas).
 */
public final class CacheKeys {

    private final String prefix;

    public CacheKeys(String prefix) {
        this.prefix = prefix + ":{cache}";
    }

    /** The resource part of a key: method, canonical path and the query with its parameters sorted. */
    public static String resource(HttpServerRequest request, String canonicalPath) {
        String query = request.query();
        String sorted = "";
        if (query != null && !query.isEmpty()) {
            String[] parameters = query.split("&");
            Arrays.sort(parameters);
            sorted = String.join("&", parameters);
        }
        return request.method().name() + " " + canonicalPath + "?" + sorted;
    }

    public String entry(String resource, List<String> varyNames, HttpServerRequest request) {
        StringBuilder material = new StringBuilder(resource);
        for (String name : varyNames) {
            String value = request.getHeader(name);
            material.append('\n').append(name).append('=').append(value == null ? "" : value.trim());
        }
        return prefix + ":e2:" + sha256(material.toString());
    }

    public String vary(String resource) {
        return prefix + ":v:" + sha256(resource);
    }

    public String tagSet(String tag) {
        return prefix + ":t:" + tag;
    }

    public String tagPurge(String tag) {
        return prefix + ":p:" + tag;
    }

    public String purgeSequence() {
        return prefix + ":purge-seq";
    }

    /** What every key starts with: the configured prefix and the hash tag. */
    public String prefix() {
        return prefix;
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
