package io.scalingsuite.gateway.proxy;

import java.time.Clock;

import jakarta.inject.Singleton;

import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;
import io.scalingsuite.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Signs every forwarded request with {@link CallerSignature}: the services refuse writes and admin calls that do
 * not carry a valid signature, so a pod that reaches them directly cannot act as a client of the gateway. The
 * header a client sends under the same name is replaced, never passed on.
 */
@Singleton
public class CallerSigner {

    /** Who is calling, as the services will read it: the API key's name and its scopes, comma-separated. */
    public record Identity(String caller, String scopes) {

        public static final Identity ANONYMOUS = new Identity(CallerSignature.ANONYMOUS, "");
    }

    private static final String KEY = "gateway.identity";
    private static final CharSequence HEADER = HttpHeaders.createOptimized(CallerSignature.HEADER);

    private final CallerSignature signature;

    public CallerSigner(GatewayConfig config) {
        this.signature = new CallerSignature(SigningKeys.of(config.internalAuth().keys()), Clock.systemUTC());
    }

    /** Records the exchange's caller (the router, once it knows the key). */
    public static void identify(RoutingContext ctx, Identity identity) {
        ctx.put(KEY, identity);
    }

    /** The API key's name of the exchange's caller, or null when anonymous. */
    public static String keyName(RoutingContext ctx) {
        Identity identity = ctx.get(KEY);
        return identity == null || identity == Identity.ANONYMOUS ? null : identity.caller();
    }

    /** Writes the signature for this exchange and target into the upstream request's headers. */
    public void sign(RoutingContext ctx, String target, MultiMap out) {
        Identity identity = ctx.get(KEY);
        Identity who = identity != null ? identity : Identity.ANONYMOUS;
        out.set(HEADER, signature.sign(ctx.request().method().name(), target, who.caller(), who.scopes()));
    }
}
