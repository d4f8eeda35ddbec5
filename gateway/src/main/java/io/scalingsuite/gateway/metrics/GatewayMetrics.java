package io.scalingsuite.gateway.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.vertx.core.http.HttpMethod;

/**
 * Every gateway meter, named {@code gateway.<noun>.<verb>}: upstream failures, retries, circuit openings and state,
 * cache results and errors, purges, the near cache's heap, rate-limit decisions; plus the one request timer every
 * service of the suite publishes, {@code http.server.requests} (the autoscaler's requests-per-second source and the
 * dashboards' latency histogram). The gateway records that one itself, tagged with the route prefix as
 * {@code uri}: Quarkus' HTTP binder (off here) would time each request a second time and run its URI patterns on
 * every path. Meters are built once per tag set and found again without building a key, so the request path neither
 * searches the registry nor allocates. The two counters every request touches (cache results, rate-limit
 * decisions) count into a {@link LongAdder} that a {@link FunctionCounter} exports, so an increment does not go
 * through the registry's composite counter. All of this runs on every request; what it costs on a cache hit:
 * {@code make bench}'s profiles, and {@code bench/cpu.sh} to compare two builds.
 */
@Singleton
public class GatewayMetrics {

    /** The {@code uri} tag of requests answered before a route matched (refused, shed, unknown paths). */
    public static final String NO_ROUTE = "none";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** uri → method → timers indexed by status (100–599). */
    private final Map<String, Map<HttpMethod, Timer[]>> requestTimers = new ConcurrentHashMap<>();
    /** route → result → layer → count and decision → mode → count: the counts every request touches. */
    private final Map<String, Map<String, Map<String, LongAdder>>> cacheResults = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> rateLimitDecisions = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answered request: {@code uri} is the route prefix or {@link #NO_ROUTE}. */
    public void served(String uri, HttpMethod method, int status, long nanos) {
        int index = status >= 100 && status <= 599 ? status - 100 : 499; // 599 for anything out of range
        Timer[] byStatus = requestTimers.computeIfAbsent(uri, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> new Timer[500]);
        Timer timer = byStatus[index];
        if (timer == null) {
            timer = requestTimer(uri, method, index + 100);
            byStatus[index] = timer; // a racing duplicate is the same registered meter
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer requestTimer(String uri, HttpMethod method, int status) {
        return Timer.builder("http.server.requests").tag("uri", uri).tag("method", method.name())
                .tag("status", Integer.toString(status)).tag("outcome", outcome(status))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30))
                .description("Requests answered by the gateway, by route prefix, method and status").register(registry);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            default -> "SERVER_ERROR";
        };
    }

    public void upstreamFailure(String route, String reason) {
        count("gateway.upstream.failed", "Upstream exchanges that failed: connect, timeout, broken, status-5xx "
                + "(not a deliberate 503)", "route", route, "reason", reason);
    }

    /**
     * reason: connect (tried on another address), closed (sent again on a fresh connection) or hedge (a late read's
     * copy): ProxyClient.
     */
    public void retry(String route, String reason) {
        count("gateway.retries.attempted", "Requests tried again: connect (after a connect failure, GET/HEAD on "
                + "another address), closed (the connection closed before the answer, bodiless idempotent requests) "
                + "or hedge (a bodiless GET/HEAD without an answer after gateway.upstream.hedge-after, sent once more)",
                "route", route, "reason", reason);
    }

    /** A route's circuit state as a gauge, read from {@code circuit}: 0 closed, 1 open, 2 half-open. */
    public <T> void circuitState(String route, T circuit, ToDoubleFunction<T> state) {
        Gauge.builder("gateway.circuit.state", circuit, state).tag("route", route)
                .description("Circuit state per route: 0 closed, 1 open, 2 half-open").register(registry);
    }

    /** Requests sent to one of a route's upstream addresses and not answered yet, read from {@code pool}. */
    public <T> void upstreamWaiting(String route, String address, T pool, ToDoubleFunction<T> waiting) {
        Gauge.builder("gateway.upstream.waiting", pool, waiting).tags("route", route, "address", address)
                .description("Requests sent to this upstream address that wait for the answer's head")
                .register(registry);
    }

    /** Whether the purge subscription delivers (1) or not (0), read from {@code subscriber}. */
    public <T> void purgeSubscription(T subscriber, ToDoubleFunction<T> up) {
        Gauge.builder("gateway.purge.subscribed", subscriber, up)
                .description("1 while the purge subscription delivers (its heartbeats come back), else 0")
                .register(registry);
    }

    /** Bytes the near cache holds on the heap, read from {@code near}. */
    public <T> void nearCacheHeld(T near, ToDoubleFunction<T> bytes) {
        Gauge.builder("gateway.nearcache.held.bytes", near, bytes).baseUnit(BaseUnits.BYTES)
                .description("Heap this replica's near cache holds (bodies by buffer capacity, headers, tags, keys), "
                        + "at most gateway.cache.near-max-bytes")
                .register(registry);
    }

    public void circuitOpened(String route) {
        count("gateway.circuit.opened", "Times a route's circuit opened", "route", route);
    }

    /**
     * result: hit, miss, stale, bypass (Redis unusable); layer: where the answer came from, near (this replica's
     * memory), redis, or upstream (misses, bypasses, and requests that waited for a coalesced miss).
     */
    public void cacheResult(String route, String result, String layer) {
        cacheResults.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(result, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(layer, l -> hotCounter("gateway.cache.served",
                        "Cacheable GETs by cache result and layer", "route", route, "result", result, "layer", l))
                .increment();
    }

    public void cacheError(String operation) {
        count("gateway.cache.failed", "Redis cache operations that failed or timed out", "operation", operation);
    }

    public void purged(String source, int tags) {
        counter("gateway.cache.purged", "Cache tags purged, by source (write or pubsub)", "source", source)
                .increment(tags);
    }

    /** by: confirmed (every replica acknowledged the write's purge) or lease (waited the full near-cache lease). */
    public void writeSettled(String by) {
        count("gateway.write.settled", "2xx writes released after their purge, by how every replica was covered", "by",
                by);
    }

    /** decision: allowed or limited; mode: lease (tokens held here), redis or local (the per-replica fallback). */
    public void rateLimit(String decision, String mode) {
        rateLimitDecisions.computeIfAbsent(decision, d -> new ConcurrentHashMap<>()).computeIfAbsent(mode,
                m -> hotCounter("gateway.ratelimit.decided", "Rate-limit decisions", "decision", decision, "mode", m))
                .increment();
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

    private LongAdder hotCounter(String name, String description, String... tags) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder(name, count, LongAdder::doubleValue).tags(tags).description(description)
                .register(registry);
        return count;
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join(":", tags);
        return counters.computeIfAbsent(key,
                k -> Counter.builder(name).tags(tags).description(description).register(registry));
    }
}
