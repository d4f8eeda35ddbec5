package io.scalingsuite.gateway.proxy;

import java.util.regex.Pattern;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * catalog's read-your-writes token kept per client in a cookie (off by default): a write's
 * {@code X-Consistency-Token} becomes the cookie, and a later request without the header sends the cookie's token
 * upstream as the header. For clients that cannot carry a header from one response to the next request (browsers).
 */
final class ConsistencyCookie {

    static final String HEADER = "X-Consistency-Token";
    /** Tokens are base64url; anything else is refused both ways, so no cookie or header can be smuggled through. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_=-]{1,512}");

    private final boolean enabled;
    private final String name;
    private final long maxAgeSeconds;
    private final boolean secure;

    ConsistencyCookie(GatewayConfig.ConsistencyCookie config) {
        this.enabled = config.enabled();
        this.name = config.name();
        this.maxAgeSeconds = config.maxAge().toSeconds();
        this.secure = config.secure();
    }

    /** Whether a token has the form catalog gives them (base64url), so nothing else is ever forwarded. */
    static boolean valid(String token) {
        return TOKEN.matcher(token).matches();
    }

    /** Adds the cookie's token as the header when the client sent the cookie but no header. */
    void toUpstream(HttpServerRequest request, MultiMap upstream) {
        if (!enabled || upstream.contains(HEADER)) {
            return;
        }
        Cookie cookie = request.getCookie(name);
        if (cookie != null && TOKEN.matcher(cookie.getValue()).matches()) {
            upstream.set(HEADER, cookie.getValue());
        }
    }

    /** Sets the cookie from a response's token. */
    void toClient(MultiMap upstream, MultiMap client) {
        String token = upstream.get(HEADER);
        if (enabled && token != null && TOKEN.matcher(token).matches()) {
            client.add("Set-Cookie", Cookie.cookie(name, token).setPath("/").setMaxAge(maxAgeSeconds)
                    .setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX).encode());
        }
    }
}
