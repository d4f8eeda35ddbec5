package io.scalingsuite.internalauth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Drains kept-alive connections while the pod stops: from SIGTERM through the shutdown delay
 * ({@code quarkus.shutdown.delay}) every answer carries {@code Connection: close}, so a client (the gateway) closes
 * each connection after its next answer instead of sending another request on it. Without this, Quarkus closed
 * connections that were idle at the end of shutdown while the gateway could be writing a request on one: a POST lost
 * that way comes back as 502 (the gateway never resends a request with a body), which `make e2e` saw during a rolling
 * restart of catalog. The gateway closes upstream connections idle longer than its keep-alive timeout (PT4S, below
 * the delay), so none is left open when the delay ends.
 */
@ApplicationScoped
public class DrainingConnections {

    private volatile boolean draining;

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (draining) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ctx.next();
        });
    }
}
