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

    /** How a category change is re-embedded in the product cards under it. */
    Fanout fanout();

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

        /**
         * How many consumers this replica runs, each on a thread of its own and named {@code <consumer>-<n>} when
         * more than one. The events of one product or category are serialised by advisory locks whichever consumer
         * holds them, so a second one applies events while the first waits on PostgreSQL or Redis (bench/README.md:
         * two drain a backlog 2.1-2.5 times as fast as one on two cores; four, no faster than two).
         */
        @WithDefault("2")
        int consumers();

        /** How many events one read takes. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long an event may stay unacknowledged before any replica claims and retries it (every replica looks
         * for such entries every fifth of it). Short, so the entries a killed replica held are applied by the others
         * within seconds; a replica still working on one that is claimed costs nothing but the work, since events
         * are applied once by id.
         */
        @WithDefault("PT5S")
        Duration claimIdle();

        /**
         * Failures after which an event is moved to the dead-letter stream {@code <key>:dead}. Only failures while
         * PostgreSQL answers count: an outage of the database or Redis pauses the consumer instead.
         */
        @WithDefault("5")
        int maxDeliveries();

        /**
         * The longest pause between retries while PostgreSQL or Redis is unreachable (the pause doubles from 0.25 s up
         * to it): also how long after the outage the consumer may still sleep, so it bounds how late the views are.
         */
        @WithDefault("PT1S")
        Duration retryBackoffMax();

        /** About how many entries the dead-letter stream keeps ({@code XADD MAXLEN ~}): older ones are trimmed. */
        @WithDefault("10000")
        long deadLetterMaxLength();

        /**
         * How long an applied event's id is kept to drop redeliveries. Must exceed catalog's outbox retention
         * window (PT24H), since catalog may re-publish within it an event the stream lost (docs/events.md).
         */
        @WithDefault("P7D")
        Duration appliedRetention();

        /** How long a review waits for its product (parked) before it is dropped. */
        @WithDefault("P7D")
        Duration parkedRetention();

        /** A consumer of the group idle this long with nothing pending (a replica that is gone) is removed. */
        @WithDefault("PT1H")
        Duration consumerIdleLimit();

        /** How often expired applied-event ids and parked reviews are pruned and gone consumers removed. */
        @WithDefault("PT1M")
        Duration housekeepingInterval();
    }

    interface Fanout {
        /**
         * Whether this instance works through queued category fan-outs (when it consumes the stream too). Replicas
         * share the work: each batch takes a job no other holds.
         */
        @WithDefault("true")
        boolean enabled();

        /** Cards rewritten per transaction: bounds how long a batch holds row locks that product events wait on. */
        @WithDefault("1000")
        int batchSize();

        /** How often an idle worker looks for jobs queued by another replica or left by a crash. */
        @WithDefault("PT1S")
        Duration pollInterval();
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
