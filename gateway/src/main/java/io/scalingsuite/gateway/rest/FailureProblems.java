package io.scalingsuite.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.scalingsuite.gateway.http.Problems;
import io.scalingsuite.gateway.metrics.GatewayTracing;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests the router itself fails (an HTTP/1.1 request without {@code Host}, a handler that threw) are answered
 * as problem+json like every other gateway error, instead of Quarkus' default JSON error page. A status below 400
 * or none (a thrown exception) becomes a 500 whose body says nothing about the cause; the cause is logged.
 */
@ApplicationScoped
public class FailureProblems {

    private static final Logger LOG = Logger.getLogger(FailureProblems.class);

    private final GatewayTracing tracing;

    FailureProblems(GatewayTracing tracing) {
        this.tracing = tracing;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    void answer(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500) {
            Problems.send(ctx, status, status == 400 ? "bad-request" : "client-error",
                    status == 400 ? "Bad Request" : "Client Error", "The request is malformed and was not forwarded.");
            return;
        }
        tracing.attach(ctx); // the line carries the trace's ids
        LOG.errorf(ctx.failure(), "Request to %s failed inside the gateway", ctx.request().path());
        Problems.send(ctx, 500, "internal-error", "Internal Server Error",
                "The gateway could not handle the request; it has been logged.");
    }
}
