package io.scalingsuite.aggregation.events;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scalingsuite.aggregation.views.Outcome;

/**
 * {@code aggregation.events.applied{type,outcome}}, {@code aggregation.events.deadlettered},
 * {@code aggregation.events.failures} and {@code aggregation.events.lag}: from the catalog write to the view
 * update, the end-to-end freshness of the views.
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Timer lag;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("aggregation.events.lag").description("Catalog write to view update")
                .publishPercentileHistogram().register(registry);
    }

    void applied(CatalogEvent event, Outcome outcome) {
        registry.counter("aggregation.events.applied", "type", event.type(), "outcome", outcome.name().toLowerCase())
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
}
