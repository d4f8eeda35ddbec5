package io.scalingsuite.gateway.proxy;

import java.time.Duration;
import java.util.List;

/** One configured route: the prefix it owns, its upstream addresses, circuit, timeout and admin-only paths. */
public record ProxyRoute(String name, String prefix, UpstreamPool upstreams, CircuitBreaker circuit, Duration timeout,
        List<String> adminPaths) {

    public boolean matches(String path) {
        return under(path, prefix);
    }

    /** Whether the path is one of the route's admin paths or below one. */
    public boolean isAdmin(String path) {
        for (String admin : adminPaths) { // a loop, not a stream: it runs on every request
            if (under(path, admin)) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || (path.startsWith(base) && path.charAt(base.length()) == '/');
    }
}
