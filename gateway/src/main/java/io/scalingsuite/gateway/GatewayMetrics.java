package io.scalingsuite.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scalingsuite.gateway.proxy.CircuitBreaker;

/**
 * Every gateway meter, named {@code gateway.<noun>.<verb>}: requests served (latency histogram by route and
 * status), upstream failures, retries, circuit openings and state, cache results and errors, purges, rate-limit
 * decisions. Meters are built once per tag set and reused, so the request path never searches the registry.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void served(String route, int status, long nanos) {
        String statusTag = Integer.toString(status);
        timers.computeIfAbsent(route + ":" + statusTag, k -> Timer.builder("gateway.requests.served")
                .tag("route", route).tag("status", statusTag).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .description("Requests answered by the gateway, by route and status").register(registry))
                .record(Duration.ofNanos(nanos));
    }

    public void upstreamFailure(String route, String reason) {
        count("gateway.upstream.failed", "Upstream exchanges that failed", "route", route, "reason", reason);
    }

    public void retry(String route) {
        count("gateway.retries.attempted", "GET/HEAD retried on another address after a connect failure",
                "route", route);
    }

    public void circuit(String route, CircuitBreaker circuit) {
        Gauge.builder("gateway.circuit.state", circuit, c -> c.state().ordinal()).tag("route", route)
                .description("Circuit state per route: 0 closed, 1 open, 2 half-open").register(registry);
        circuit.onOpen(() -> count("gateway.circuit.opened", "Times a route's circuit opened", "route", route));
    }

    /** result: hit, miss, stale, bypass (Redis unusable). */
    public void cacheResult(String route, String result) {
        count("gateway.cache.served", "Cacheable GETs by cache result", "route", route, "result", result);
    }

    public void cacheError(String operation) {
        count("gateway.cache.failed", "Redis cache operations that failed or timed out", "operation", operation);
    }

    public void purged(String source, int tags) {
        counter("gateway.cache.purged", "Cache tags purged, by source (write or pubsub)", "source", source)
                .increment(tags);
    }

    /** decision: allowed or limited; mode: redis or local (the per-replica fallback). */
    public void rateLimit(String decision, String mode) {
        count("gateway.ratelimit.decided", "Rate-limit decisions", "decision", decision, "mode", mode);
    }

    public void rateLimitError() {
        count("gateway.ratelimit.failed", "Rate-limit checks that Redis could not answer (local fallback used)");
    }

    public void shed() {
        count("gateway.requests.shed", "Requests refused with 503 because the replica was at capacity");
    }

    private void count(String name, String description, String... tags) {
        counter(name, description, tags).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join(":", tags);
        return counters.computeIfAbsent(key,
                k -> Counter.builder(name).tags(tags).description(description).register(registry));
    }
}
