package io.scalingsuite.catalog.security;

import java.time.Clock;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.contracts.CallerGate;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The second line behind the gateway: writes, and every method of an {@link AdminOnly} resource, need the gateway's
 * signed caller header with scope {@code write} or {@code admin}; reads stay open inside the cluster. A request
 * that reaches this service directly, or replays a signed one, is refused with a 401 problem. The verified caller
 * is left on the request ({@link #CALLER}) for idempotency records. Runs on the event loop, before the switch to a
 * worker thread, so a refused request never takes one. Counted as {@code catalog.callers.checked{result}}.
 */
public class CallerFilter {

    /** The request property holding the verified caller's name. */
    public static final String CALLER = "catalog.caller";

    private final CallerGate gate;
    private final MeterRegistry registry;

    public CallerFilter(CatalogConfig config, RedisNonces nonces, MeterRegistry registry) {
        CallerSignature signature = new CallerSignature(SigningKeys.of(config.internalAuth().keys()), Clock.systemUTC());
        this.gate = new CallerGate(signature, config.internalAuth().maxAge(), nonces, config.internalAuth().nonceTimeout(),
                config.cache().keyPrefix() + ":caller-nonce", Clock.systemUTC());
        this.registry = registry;
    }

    @ServerRequestFilter(nonBlocking = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Class<?> type = resource.getResourceClass();
        String scope = CallerGate.requiredScope(request.getMethod(),
                type != null && type.isAnnotationPresent(AdminOnly.class));
        if (scope == null) {
            return Uni.createFrom().nullItem();
        }
        Context context = Vertx.currentContext(); // the request's: Redis or a timer completes the claim elsewhere
        return Uni.createFrom().completionStage(() -> gate.admit(http.getHeader(CallerSignature.HEADER),
                request.getMethod(), http.uri(), scope))
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .map(decision -> {
                    registry.counter("catalog.callers.checked", "result", decision.reason()).increment();
                    if (decision.allowed()) {
                        request.setProperty(CALLER, decision.caller());
                        return null;
                    }
                    return CallerProblems.refused(decision, http.path());
                });
    }
}
