package io.scalingsuite.gateway.proxy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.http.HeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * Headers on the way in and out. Hop-by-hop headers (RFC 9110 §7.6.1, plus any named in {@code Connection}) never
 * cross the gateway. {@code X-Forwarded-*} sent by the client are kept and extended only when the peer is a
 * configured trusted proxy (an address or CIDR range); otherwise they are replaced, so a client cannot forge its
 * address.
 */
@Singleton
public class ForwardingHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host");
    /** Never sent upstream: the gateway consumes the key; the upstream must not see the client's encodings. */
    private static final Set<String> GATEWAY_ONLY = Set.of("x-api-key", "accept-encoding");
    /** Never sent to clients: internal labels. */
    private static final Set<String> INTERNAL = Set.of("cache-tag");

    private final TrustedProxies trustedProxies;
    private final ConsistencyCookie consistencyCookie;

    public ForwardingHeaders(GatewayConfig config) {
        this.trustedProxies = new TrustedProxies(config.forwarded().trustedProxies().orElse(List.of()));
        this.consistencyCookie = new ConsistencyCookie(config.consistencyCookie());
    }

    /** Writes the headers to send upstream into {@code out}: the upstream request's own, so nothing is copied twice. */
    public void toUpstream(HttpServerRequest request, String requestId, String traceparent, MultiMap out) {
        Set<String> named = connectionNamed(request.headers());
        request.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !GATEWAY_ONLY.contains(name) && !named.contains(name)
                    && !name.startsWith("x-forwarded-") && !name.equals("forwarded")) {
                out.add(header.getKey(), header.getValue());
            }
        });
        String peer = peer(request);
        boolean trusted = trustedProxies.contains(peer);
        String incomingFor = request.getHeader("X-Forwarded-For");
        out.set(HeaderNames.X_FORWARDED_FOR, trusted && incomingFor != null ? incomingFor + ", " + peer : peer);
        out.set(HeaderNames.X_FORWARDED_PROTO, trusted && request.getHeader("X-Forwarded-Proto") != null
                ? request.getHeader("X-Forwarded-Proto") : request.scheme());
        String host = trusted && request.getHeader("X-Forwarded-Host") != null ? request.getHeader("X-Forwarded-Host")
                : request.getHeader("Host");
        if (host != null) {
            out.set(HeaderNames.X_FORWARDED_HOST, host);
        }
        out.set(HeaderNames.REQUEST_ID, requestId);
        out.set(HeaderNames.TRACEPARENT, traceparent);
        consistencyCookie.toUpstream(request, out);
    }

    public void copyToClient(MultiMap upstream, MultiMap client) {
        Set<String> named = connectionNamed(upstream);
        upstream.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !INTERNAL.contains(name) && !named.contains(name)
                    && !name.equals("x-request-id")) {
                client.add(header.getKey(), header.getValue());
            }
        });
        consistencyCookie.toClient(upstream, client);
    }

    /** The client's address: the peer, or when the peer is a trusted proxy the last untrusted hop it reports. */
    public String clientAddress(HttpServerRequest request) {
        String peer = peer(request);
        String forwarded = request.getHeader("X-Forwarded-For");
        if (!trustedProxies.contains(peer) || forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static Set<String> connectionNamed(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null) {
            return Set.of();
        }
        return new HashSet<>(Arrays.asList(connection.toLowerCase(Locale.ROOT).replace(" ", "").split(",")));
    }
}
