package io.scalingsuite.aggregation.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything aggregation-service reads from configuration under {@code aggregation.*}. */
@ConfigMapping(prefix = "aggregation")
public interface AggregationConfig {

    /** The catalog change stream this service consumes. */
    Stream stream();

    /** How the views are served. */
    Http http();

    /** catalog-service's base URL, for the snapshot a rebuild starts from. */
    @WithDefault("http://127.0.0.1:8081")
    String catalogUrl();

    interface Stream {
        /** Whether this instance consumes the stream (off: serve views only). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The Redis Stream catalog-service publishes to: the same as catalog's {@code catalog.outbox.stream-key} (the
         * chart sets both from {@code global.events.streamKey}).
         */
        @WithDefault("catalog:events")
        String key();

        /** The consumer group; every aggregation replica joins it, so each event is applied by one of them. */
        @WithDefault("aggregation")
        String group();

        /** This replica's consumer name; defaults to the host name (the pod name in Kubernetes). */
        Optional<String> consumer();

        /** How many events one read takes. */
        @WithDefault("100")
        int batchSize();

        /** How long an event may stay unacknowledged before any replica claims and retries it. */
        @WithDefault("PT30S")
        Duration claimIdle();

        /** Deliveries after which a failing event is moved to the dead-letter stream {@code <key>:dead}. */
        @WithDefault("5")
        int maxDeliveries();
    }

    interface Http {
        /** How long shared caches (the gateway) may keep a view; applying an event purges it sooner. */
        @WithDefault("PT5S")
        Duration maxAge();

        /**
         * The Redis channel that purges view tags from shared caches: the same channel as catalog's and the gateway's
         * (the chart sets all three from {@code global.cache.purgeChannel}).
         */
        @WithDefault("suite:purge")
        String purgeChannel();
    }
}
