package io.scalingsuite.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Drains the clients' kept-alive connections while the gateway pod stops: from SIGTERM through the shutdown delay
 * ({@code quarkus.shutdown.delay}, PT5S) every answer carries {@code Connection: close}, so a client (a load balancer
 * or an API client) closes each connection after its next answer instead of sending another request on it, and only
 * connections idle since before SIGTERM are left for Quarkus to close at the end (a client whose idle timeout is
 * shorter than the delay has closed those itself). As internal-auth's DrainingConnections does for the services.
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
