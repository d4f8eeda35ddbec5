package io.scalingsuite.gateway.security;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.proxy.CanonicalPath;
import io.scalingsuite.gateway.proxy.ForwardingHeaders;
import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Identifies the caller and decides access: a route's admin paths need scope {@code admin} for every method;
 * elsewhere GET, HEAD and OPTIONS are open to anonymous clients and any other method needs scope {@code write}.
 * 401 without a (valid) key, 403 with a key that lacks the scope.
 */
@Singleton
public class AccessPolicy {

    private final ApiKeys keys;
    private final ForwardingHeaders forwarding;

    public AccessPolicy(ApiKeys keys, ForwardingHeaders forwarding) {
        this.keys = keys;
        this.forwarding = forwarding;
    }

    public Caller identify(RoutingContext ctx) {
        String presented = ctx.request().getHeader(ApiKeys.HEADER);
        if (presented == null || presented.isBlank()) {
            return new Caller(null, forwarding.clientAddress(ctx.request()), false);
        }
        ApiKeys.Key key = keys.find(presented.trim());
        return key != null ? new Caller(key, null, false)
                : new Caller(null, forwarding.clientAddress(ctx.request()), true);
    }

    /** The API documents are open, but not to a revoked or unknown key (401, as everywhere else). */
    public boolean admitToDocs(RoutingContext ctx, Caller caller) {
        if (caller.badKey()) {
            unauthorized(ctx, "The API key is not valid.");
            return false;
        }
        return true;
    }

    /** Whether the caller may go on; if not, the problem has been sent. */
    public boolean admit(RoutingContext ctx, Caller caller, ProxyRoute route) {
        if (caller.badKey()) {
            unauthorized(ctx, "The API key is not valid.");
            return false;
        }
        if (route.isAdmin(CanonicalPath.get(ctx))) {
            return require(ctx, caller, "admin");
        }
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return true;
        }
        return require(ctx, caller, "write");
    }

    private static boolean require(RoutingContext ctx, Caller caller, String scope) {
        if (caller.key() == null) {
            unauthorized(ctx, "This needs an API key with scope '" + scope + "' in the X-API-Key header.");
            return false;
        }
        if (!caller.has(scope)) {
            Problems.send(ctx, 403, "forbidden", "Forbidden", "This API key lacks scope '" + scope + "'.");
            return false;
        }
        return true;
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        Problems.send(ctx, 401, "unauthorized", "Unauthorized", detail);
    }
}
