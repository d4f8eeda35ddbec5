package io.scalingsuite.internalauth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.contracts.CallerGate;
import io.scalingsuite.contracts.CallerSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The second line behind the gateway, in every service: writes, and every method of an {@link AdminOnly}
 * resource, need the gateway's signed caller header with scope {@code write} or {@code admin}; reads stay open
 * inside the cluster. A request that reaches the service directly, or replays a signed one, gets a 401 problem, one
 * without the scope a 403. The verified caller is left on the request ({@link #CALLER}). Runs on the event loop,
 * before the switch to a worker thread, so a refused request never takes one. Counted as
 * {@code suite.callers.checked{result}}, the one name every service publishes.
 */
public class CallerFilter {

    /** The request property holding the verified caller's name. */
    public static final String CALLER = "suite.caller";

    private final CallerGate gate;
    private final MeterRegistry registry;

    public CallerFilter(InternalAuthConfig config, CallerSignature signature, RedisNonces nonces,
            MeterRegistry registry) {
        this.gate = new CallerGate(signature, config.maxAge(), nonces, config.nonceTimeout(), config.noncePrefix(),
                Clock.systemUTC());
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
                    registry.counter("suite.callers.checked", "result", decision.reason()).increment();
                    if (decision.allowed()) {
                        request.setProperty(CALLER, decision.caller());
                        return null;
                    }
                    return refused(decision, http.path());
                });
    }

    /** 401 without a usable signature (with the scheme a client would use at the gateway), 403 without the scope. */
    private static Response refused(CallerGate.Decision decision, String path) {
        boolean forbidden = decision.status() == 403;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", forbidden ? "/problems/forbidden" : "/problems/unauthorized");
        problem.put("title", forbidden ? "Forbidden" : "Unauthorized");
        problem.put("status", decision.status());
        problem.put("detail", decision.detail());
        problem.put("instance", path);
        Response.ResponseBuilder answer = Response.status(decision.status()).type("application/problem+json")
                .entity(problem).header("Cache-Control", "no-store");
        if (!forbidden) {
            answer.header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        }
        return answer.build();
    }
}
