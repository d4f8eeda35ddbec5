package io.scalingsuite.aggregation.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * {@code aggregation.events.applied{type,outcome}}, {@code aggregation.events.deadlettered},
 * {@code aggregation.events.failures} (failures while the database answered), {@code aggregation.consumer.paused}
 * (pauses for an outage of PostgreSQL or Redis), {@code aggregation.events.lag} (from the catalog write to the view
 * update: the end-to-end freshness of the views) and the backlog gauges {@code aggregation.stream.pending} and
 * {@code aggregation.stream.undelivered} (the group's {@code lag} in XINFO GROUPS: the number KEDA scales on).
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Timer lag;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("aggregation.events.lag").description("Catalog write to view update")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("aggregation.stream.pending", pending, AtomicLong::get)
                .description("Entries delivered to the group but not acknowledged").register(registry);
        Gauge.builder("aggregation.stream.undelivered", undelivered, AtomicLong::get)
                .description("Entries not yet delivered to the group").register(registry);
    }

    /** Samples the group's backlog; RESP3 answers XINFO GROUPS with maps, RESP2 with flat arrays. */
    void backlog(RedisDataSource redis, String key, String group) {
        Response summary = redis.execute("XPENDING", key, group);
        pending.set(summary == null || summary.size() == 0 ? 0 : summary.get(0).toLong());
        Response groups = redis.execute("XINFO", "GROUPS", key);
        for (Response g : groups) {
            if (group.equals(field(g, "name"))) {
                String lagField = field(g, "lag");
                undelivered.set(lagField == null ? 0 : Long.parseLong(lagField));
            }
        }
    }

    private static String field(Response entry, String name) {
        if (entry.isMap()) {
            Response value = entry.get(name);
            return value == null ? null : value.toString();
        }
        // RESP2: [name, value, name, value, ...]
        for (int i = 0; i + 1 < entry.size(); i += 2) {
            if (name.equals(entry.get(i).toString())) {
                Response value = entry.get(i + 1);
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    void applied(CatalogEvent<?> event, Outcome outcome) {
        registry.counter("aggregation.events.applied", "type", event.type().wireName(), "outcome",
                outcome.name().toLowerCase())
                .increment();
        if (outcome == Outcome.APPLIED) {
            lag.record(Duration.between(event.occurredAt(), Instant.now()));
        }
    }

    void deadLettered() {
        registry.counter("aggregation.events.deadlettered").increment();
    }

    void failure() {
        registry.counter("aggregation.events.failures").increment();
    }

    /** The consumer paused because {@code cause} ({@code database} or {@code redis}) was unreachable. */
    void paused(String cause) {
        registry.counter("aggregation.consumer.paused", "cause", cause).increment();
    }
}
