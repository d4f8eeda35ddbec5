package io.scalingsuite.gateway.proxy;

import java.time.Duration;
import java.util.List;

/**
 * One configured route: the prefix it owns, its upstream addresses, circuit, hedge budget, timeout and admin-only
 * paths.
 */
public record ProxyRoute(String name, String prefix, UpstreamPool upstreams, CircuitBreaker circuit,
        HedgeBudget hedges, Duration timeout, List<String> adminPaths) {

    public boolean matches(String path) {
        return under(path, prefix);
    }

    /**
     * Whether the canonical path is one of the route's admin paths or below one, in any letter case: the services
     * route case-sensitively, so another case is a 404 there, but a second service that did not would still be
     * covered.
     */
    public boolean isAdmin(String path) {
        for (String admin : adminPaths) { // a loop, not a stream: it runs on every request
            if (under(path, admin, true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String base) {
        return under(path, base, false);
    }

    private static boolean under(String path, String base, boolean ignoreCase) {
        return path.regionMatches(ignoreCase, 0, base, 0, base.length())
                && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }
}
