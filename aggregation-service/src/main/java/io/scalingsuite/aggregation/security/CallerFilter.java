package io.scalingsuite.aggregation.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.contracts.CallerGate;
import io.scalingsuite.contracts.CallerSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The second line behind the gateway: every method of an {@link AdminOnly} resource (rebuilds), and any write,
 * needs the gateway's signed caller header with scope {@code admin} or {@code write}; the views stay open to reads
 * inside the cluster. A direct or replayed request is refused with a 401 problem. Runs on the event loop before any
 * worker thread is taken. Counted as {@code aggregation.callers.checked{result}}.
 */
public class CallerFilter {

    private final CallerGate gate;
    private final MeterRegistry registry;

    public CallerFilter(AggregationConfig config, CallerSignature signature, RedisNonces nonces,
            MeterRegistry registry) {
        this.gate = new CallerGate(signature, config.internalAuth().maxAge(), nonces,
                config.internalAuth().nonceTimeout(), "aggregation:caller-nonce", Clock.systemUTC());
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
                    registry.counter("aggregation.callers.checked", "result", decision.reason()).increment();
                    return decision.allowed() ? null : refused(decision, http.path());
                });
    }

    private static Response refused(CallerGate.Decision decision, String path) {
        boolean forbidden = decision.status() == 403;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", forbidden ? "/problems/forbidden" : "/problems/unauthorized");
        problem.put("title", forbidden ? "Forbidden" : "Unauthorized");
        problem.put("status", decision.status());
        problem.put("detail", decision.detail());
        problem.put("instance", path);
        return Response.status(decision.status()).type("application/problem+json").entity(problem)
                .header("Cache-Control", "no-store").build();
    }
}
