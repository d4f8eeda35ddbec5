package io.scalingsuite.aggregation.events;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * Handles stream entries one by one: a malformed entry is parked at once; an entry that fails while PostgreSQL
 * answers stays pending and is parked after {@code max-deliveries} such failures; an outage of PostgreSQL throws
 * {@link TransientFailure} and a Redis error its own exception, so the consumer pauses and nothing is counted.
 */
@ApplicationScoped
public class EntryHandler {

    private static final Logger LOG = Logger.getLogger(EntryHandler.class);

    private final RedisDataSource redis;
    private final EventApplier applier;
    private final EventParser parser;
    private final ConsumerMetrics metrics;
    private final ViewPurges purges;
    private final DeadLetters deadLetters;
    private final FailureTriage triage;
    private final FailureCounts failures;
    private final ApplyTracing tracing;
    private final AggregationConfig.Stream config;

    public EntryHandler(RedisDataSource redis, EventApplier applier, EventParser parser, ConsumerMetrics metrics,
            ViewPurges purges, DeadLetters deadLetters, FailureTriage triage, FailureCounts failures,
            ApplyTracing tracing, AggregationConfig config) {
        this.tracing = tracing;
        this.redis = redis;
        this.applier = applier;
        this.parser = parser;
        this.metrics = metrics;
        this.purges = purges;
        this.deadLetters = deadLetters;
        this.triage = triage;
        this.failures = failures;
        this.config = config.stream();
    }

    /**
     * Handles a batch of [id, fields] entries; returns the last id seen, or null for none. An entry whose fields are
     * nil was deleted from the stream while pending: nothing is left to apply, so it is acknowledged.
     */
    String handleAll(Response entries, boolean redelivered) {
        String last = null;
        if (entries == null) {
            return null;
        }
        for (Response entry : entries) {
            if (entry == null) {
                continue;
            }
            last = entry.get(0).toString();
            if (entry.get(1) == null) {
                redis.execute("XACK", config.key(), config.group(), last);
            } else {
                handle(last, fields(entry.get(1)), redelivered);
            }
        }
        return last;
    }

    private void handle(String id, Map<String, String> fields, boolean redelivered) {
        CatalogEvent<?> event;
        try {
            event = parser.parse(fields);
        } catch (IllegalArgumentException malformed) {
            deadLetters.park(id, fields, "malformed: " + malformed.getMessage());
            return;
        }
        Outcome outcome;
        Span span = tracing.applying(id, fields, event);
        try (Scope current = span.makeCurrent()) {
            outcome = applier.apply(event, id);
            span.setAttribute("aggregation.outcome", outcome.name());
        } catch (SQLException | RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            if (triage.isTransient(failure)) {
                throw new TransientFailure("PostgreSQL unavailable: " + failure.getMessage(), failure);
            }
            countFailure(id, fields, event, failure);
            return;
        } finally {
            span.end();
        }
        redis.execute("XACK", config.key(), config.group(), id);
        if (redelivered) {
            failures.forget(id);
        }
        metrics.applied(event, outcome);
        if (outcome == Outcome.APPLIED) {
            purges.publish(event);
        }
    }

    private void countFailure(String id, Map<String, String> fields, CatalogEvent<?> event, Exception failure) {
        metrics.failure();
        long count = failures.increment(id);
        if (count >= config.maxDeliveries()) {
            deadLetters.park(id, fields, "failed " + count + " times while the database answered: "
                    + failure.getMessage());
            failures.forget(id);
        } else {
            LOG.warnf("Event %s (%s) failed %d time(s) while the database answered; it stays pending: %s", id,
                    event.type().wireName(), count, failure.getMessage());
        }
    }

    /** An entry's fields: a flat [name, value, ...] array, or a map where a RESP3 server (Redis 6.2) sends one. */
    static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (flat.isMap()) {
            flat.getKeys().forEach(name -> fields.put(name, flat.get(name).toString()));
            return fields;
        }
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return fields;
    }
}
