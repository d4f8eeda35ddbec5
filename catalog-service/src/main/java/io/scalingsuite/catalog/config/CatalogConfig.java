package io.scalingsuite.catalog.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything catalog-service reads from configuration under {@code catalog.*}. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** The Redis cache-aside layer in front of PostgreSQL. */
    Cache cache();

    /** Keyset pagination of listings. */
    Paging paging();

    /** Request limits enforced before any JSON is parsed. */
    Http http();

    /** The relay from {@code catalog.outbox} to the Redis Stream {@code catalog.outbox.stream-key}. */
    Outbox outbox();

    /** Idempotency-Key records of creating POSTs (products, reviews, categories). */
    Idempotency idempotency();

    interface Idempotency {
        /** How long a key is remembered: a retry later than this creates again (the key may then be reused). */
        @WithDefault("PT24H")
        Duration retention();

        /** How often each instance deletes records older than the retention. */
        @WithDefault("PT10M")
        Duration purgeInterval();
    }

    /**
     * The shards by name, placed in name order (index 0 is the first name). None configured: one shard,
     * {@code s0}, on the default datasource ({@code quarkus.datasource.*}).
     */
    Map<String, Shard> shards();

    /** Routing of read-only transactions to streaming replicas. */
    Replicas replicas();

    /** Listings not bound to one merchant, asked of every shard at once. */
    Scatter scatter();

    /** Merchant moves between shards. */
    Moves moves();

    /** The copies of the category tree on every shard but the first (docs/sharding.md). */
    Categories categories();

    interface Categories {
        /** How often each instance compares every shard's copies with the first shard's and repairs them. */
        @WithDefault("PT1S")
        Duration repairInterval();
    }

    interface Moves {
        /** How often each instance re-reads the shards' move directories (moves made by other instances). */
        @WithDefault("PT2S")
        Duration directoryRefresh();
    }

    interface Shard {
        /** JDBC URL of the shard's primary; absent: the default datasource ({@code quarkus.datasource.jdbc.url}). */
        Optional<String> url();

        /** The most connections this instance opens to the shard's primary, and to each of its replicas. */
        @WithDefault("16")
        int poolSize();

        /** JDBC URLs of the shard's streaming replicas, if any; read-only transactions go there. */
        Optional<List<String>> replicas();
    }

    interface Replicas {
        /** A replica whose replay lags further behind its primary than this is out of rotation. */
        @WithDefault("PT1S")
        Duration maxLag();

        /** How often each replica's replay position and lag are measured (and a failed one retried). */
        @WithDefault("PT0.2S")
        Duration checkInterval();
    }

    interface Scatter {
        /** The longest a scatter-gather listing waits for one shard before it answers 503. */
        @WithDefault("PT5S")
        Duration shardTimeout();

        /**
         * Threads that read the shards of catalog-wide listings, shared by all requests; as many reads again may
         * queue for them, and a listing that finds both full answers 503.
         */
        @WithDefault("64")
        int threads();
    }

    interface Outbox {
        /** Whether this instance runs a relay (several may run at once: each shard's outbox has one lock). */
        @WithDefault("true")
        boolean enabled();

        /** How many events one relay transaction claims and publishes. */
        @WithDefault("100")
        int batchSize();

        /** The longest the relay sleeps without a NOTIFY before it looks at the outbox again. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /**
         * The longest pause of the relay after a failure (PostgreSQL or Redis unreachable); the pause doubles from
         * 0.1 s up to it. Also how long after an outage the relay may still sleep, so it bounds how late events are.
         */
        @WithDefault("PT1S")
        Duration retryBackoffMax();

        /** The Redis Stream the relay appends events to; aggregation's {@code aggregation.stream.key} names it too. */
        @WithDefault("catalog:events")
        String streamKey();

        /**
         * How long a published event is kept in the outbox (and its entry in the stream) at most while some
         * consumer group has not acknowledged it: within this window catalog publishes again whatever the stream
         * loses. Acknowledged rows are deleted at once; aggregation's applied-event ledger must outlive this.
         */
        @WithDefault("PT24H")
        Duration retention();
    }

    interface Cache {
        /** Whether reads consult Redis at all; off serves every read from PostgreSQL (used by benchmarks). */
        @WithDefault("true")
        boolean enabled();

        /** How long a product entry lives in Redis. */
        @WithDefault("PT10M")
        Duration productTtl();

        /** How long a listing page lives in Redis; any product write also makes every cached page unreachable. */
        @WithDefault("PT1M")
        Duration listingTtl();

        /** The longest a request waits for Redis before it falls through to PostgreSQL. */
        @WithDefault("PT0.05S")
        Duration timeout();

        /**
         * The longest a product write waits for Redis to take its write mark (see {@code WriteMarks}) before its
         * commit; past it the write is rolled back and answers 503 with Retry-After: nothing was written.
         */
        @WithDefault("PT0.5S")
        Duration writeTimeout();

        /**
         * Failed or timed-out cache calls in a row after which Redis is skipped for {@code breaker-open}: reads go
         * to PostgreSQL and writes answer 503 at once, instead of each waiting for a timeout (see
         * {@code RedisBreaker}).
         */
        @WithDefault("3")
        int breakerFailures();

        /** How long Redis is skipped once the breaker opened; then one call probes it and closes or reopens it. */
        @WithDefault("PT1S")
        Duration breakerOpen();

        /**
         * How long a write mark keeps readers from filling the cache when the write could not remove it after its
         * commit (Redis failed in between): they read PostgreSQL until then. Longer than any commit can take
         * (the transaction timeout is 60 s), so a mark never expires before the write it stands for commits.
         */
        @WithDefault("PT2M")
        Duration writeMarkTtl();

        /**
         * For how many products the latest sparse {@code fields=} answer is kept in memory (with the whole document
         * it was cut from) rather than cut again on every read; 0 keeps none.
         */
        @WithDefault("10000")
        long sparseRenderings();

        /** Prefix of every Redis key, so several deployments or test runs can share one Redis. */
        @WithDefault("catalog")
        String keyPrefix();

        /** The Redis pub/sub channel writes publish their cache tags on; the gateway listens on the same one. */
        @WithDefault("suite:purge")
        String purgeChannel();
    }

    interface Paging {
        /** Page size when the client sends no {@code limit}. */
        @WithDefault("20")
        int defaultLimit();

        /** The largest {@code limit} a client may ask for. */
        @WithDefault("100")
        int maxLimit();
    }

    interface Http {
        /** The largest request body, in bytes, that the API accepts; larger bodies get 413. */
        @WithDefault("65536")
        long maxBodyBytes();

        /** How long shared caches (the gateway) may serve a read without asking again; writes purge them sooner. */
        @WithDefault("PT60S")
        Duration maxAge();

        /** How long past max-age a shared cache may still serve a read while catalog is failing. */
        @WithDefault("PT5M")
        Duration staleIfError();
    }
}
