package io.scalingsuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Everything the gateway reads from configuration under {@code gateway.*}. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Limits that protect the gateway itself. */
    Http http();

    /** The merged OpenAPI document and Swagger UI on the API port. */
    Docs docs();

    /** Routes by name: each maps a path prefix to a list of upstream addresses. */
    Map<String, Route> routes();

    /** Connections to upstreams: pooling, connect timeout, passive health. */
    Upstream upstream();

    /** The circuit breaker kept per route (one per upstream service). */
    Circuit circuit();

    /** Which clients may set {@code X-Forwarded-*} headers. */
    Forwarded forwarded();

    /** Keeping catalog's read-your-writes token ({@code X-Consistency-Token}) per client in a cookie. */
    ConsistencyCookie consistencyCookie();

    /** Keeping catalog's read-your-writes token per API key in Redis, for every gateway replica. */
    ReadYourWrites readYourWrites();

    /** The shared Redis response cache. */
    Cache cache();

    /** API keys, by name. */
    Map<String, ApiKey> keys();

    /** Rate limits shared by every replica through Redis. */
    RateLimit rateLimit();

    /** Signing every forwarded request, so the services can tell a request of the gateway from a direct one. */
    InternalAuth internalAuth();

    interface Http {
        /** The largest request body in bytes; larger ones get 413 (declared: before reading; chunked: when passed). */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** The longest request target (path and query) in bytes; longer ones get 414. */
        @WithDefault("4096")
        int maxUriBytes();

        /** The largest header block in bytes (names, values, separators); larger ones get 431. */
        @WithDefault("16384")
        int maxHeaderBytes();

        /** Requests in flight on this replica beyond which new ones are shed at once with 503. */
        @WithDefault("2000")
        int maxInFlight();

        /** The {@code Retry-After} sent with a shed request. */
        @WithDefault("PT1S")
        Duration shedRetryAfter();
    }

    interface Docs {
        /** How long the merged document is reused before the services' documents are fetched again. */
        @WithDefault("PT30S")
        Duration refresh();

        /** Swagger UI version, as packaged by the {@code org.webjars:swagger-ui} dependency. */
        @WithDefault("5.34.1")
        String swaggerUiVersion();
    }

    interface Route {
        /** The path prefix this route owns, e.g. {@code /api/catalog}; it is forwarded unchanged. */
        String prefix();

        /**
         * Upstream addresses as {@code host:port}; each request goes to the one with the fewest requests waiting
         * (round-robin among equals).
         */
        List<String> upstreams();

        /**
         * The longest wait for the upstream's response (and between body chunks) before a 504; a 408 instead when
         * it is the client's request body that is still awaited. Cut at start to {@code quarkus.http.idle-timeout}
         * less {@code gateway.upstream.connect-timeout} and 0.5 s, so the client gets the 504 before the idle timer
         * could close its connection.
         */
        @WithDefault("PT10S")
        Duration timeout();

        /** Paths under the prefix (and everything below them) that need a key with scope admin, any method. */
        @WithDefault("/admin")
        List<String> adminPaths();

        /** URL of the service's OpenAPI document (JSON), merged into {@code /api/openapi}; none: left out. */
        Optional<String> openapi();
    }

    interface Upstream {
        /** The longest wait for a TCP connection to an upstream address. */
        @WithDefault("PT1S")
        Duration connectTimeout();

        /** Kept-alive connections per upstream address (and event loop). */
        @WithDefault("64")
        int maxPoolSize();

        /**
         * How long an idle pooled connection is kept. Below the services' shutdown delay (PT5S), during which they
         * answer with Connection: close: a connection to a stopping pod is closed by the gateway, never by the pod
         * while a request is being written on it.
         */
        @WithDefault("PT4S")
        Duration keepAliveTimeout();

        /** How long an address that failed to connect is skipped (passive health). */
        @WithDefault("PT10S")
        Duration quarantine();

        /**
         * How long a GET or HEAD without a body waits for the answer's head before a copy is sent on a fresh
         * connection (to another address when the route has one) and the first answer wins; 0 turns hedging off.
         * Far above a healthy answer's time, so only a frozen or lost upstream sees hedges; at most one per ten of
         * a route's requests ({@code HedgedRead}).
         */
        @WithDefault("PT1S")
        Duration hedgeAfter();
    }

    interface Circuit {
        /**
         * Consecutive failures that open a route's circuit: connect errors, timeouts, broken exchanges, 5xx answers
         * except a deliberate 503 (problem+json with Retry-After); see {@code UpstreamOutcome}.
         */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial request is let through. */
        @WithDefault("PT10S")
        Duration openDuration();

        /**
         * How long a trial may go without an outcome before it counts as lost and the next request becomes the
         * trial, so a circuit never stays half-open; keep it above the routes' timeouts.
         */
        @WithDefault("PT15S")
        Duration trialTimeout();
    }

    interface Forwarded {
        /**
         * Peers whose {@code X-Forwarded-*} headers are trusted and extended (load balancers, ingress controllers):
         * addresses or CIDR ranges, IPv4 or IPv6, e.g. {@code 10.0.0.0/8,fd00::/8}; a malformed entry stops the start.
         */
        Optional<List<@WithConverter(AddressRange.Parser.class) AddressRange>> trustedProxies();
    }

    interface ConsistencyCookie {
        /** Whether a write's token is set as a cookie and sent upstream on the client's later requests. */
        @WithDefault("false")
        boolean enabled();

        /** The cookie's name. */
        @WithDefault("ss-consistency")
        String name();

        /** How long the cookie lives: past the replicas' lag bound a token no longer changes where reads go. */
        @WithDefault("PT5M")
        Duration maxAge();

        /** Whether the cookie is marked {@code Secure} (sent over HTTPS only): on wherever TLS ends before the gateway. */
        @WithDefault("false")
        boolean secure();
    }

    interface ReadYourWrites {
        /**
         * Whether the {@code X-Consistency-Token} of a key's write is kept in Redis and sent upstream with that key's
         * later requests (on every replica) that carry no token of their own: each key reads its own writes, even
         * from read replicas, without echoing anything.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a key's latest token is kept: the read replicas' lag bound ({@code catalog.replicas.max-lag}, 1 s)
         * plus their check interval and a margin; later, every replica catalog reads from has the write.
         */
        @WithDefault("PT5S")
        Duration ttl();
    }

    interface Cache {
        /** Whether GET responses are cached in Redis at all. */
        @WithDefault("true")
        boolean enabled();

        /** Prefix of every Redis key the gateway writes, so deployments or test runs can share one Redis. */
        @WithDefault("gateway")
        String keyPrefix();

        /** The longest wait for Redis before the cache is bypassed for this request. */
        @WithDefault("PT0.05S")
        Duration timeout();

        /**
         * The longest wait for a 2xx write's purge (and its read-your-writes token) before the write is answered 503
         * {@code write-not-confirmed}
         * instead: longer than {@code timeout}, since the write is already applied and a slow purge is better than
         * telling the client it may not be visible.
         */
        @WithDefault("PT0.5S")
        Duration writeTimeout();

        /**
         * Redis failures or timeouts in a row (cache, rate limits, read-your-writes together) after which Redis is
         * skipped for {@code breaker-open}: reads go upstream and limits are decided per replica without waiting for
         * a timeout on every request.
         */
        @WithDefault("3")
        int breakerFailures();

        /** How long Redis is skipped once the breaker opened; then one call probes it and closes or reopens it. */
        @WithDefault("PT1S")
        Duration breakerOpen();

        /**
         * The largest response body stored, in bytes: larger ones (declared, or chunked and found so while read) are
         * streamed, never cached.
         */
        @WithDefault("1048576")
        int maxEntryBytes();

        /** Redis pub/sub channel on which services publish comma-separated tags to purge. */
        @WithDefault("suite:purge")
        String purgeChannel();

        /**
         * How often each replica publishes a heartbeat on the purge channel to prove its subscription delivers; with
         * none back for three of these, the subscription counts as down and is made again.
         */
        @WithDefault("PT2S")
        Duration purgeHeartbeat();

        /** Entries each replica also keeps in memory in front of Redis (hot keys answered without a round trip); 0: none. */
        @WithDefault("10000")
        int nearMaxEntries();

        /**
         * The most heap those entries may hold together (bodies by their buffers' capacity, headers, tags, keys: see
         * {@code NearEntries}), e.g. {@code 64M} or {@code 67108864}; the least recently used go first, and a response
         * heavier than this alone is never kept in memory (Redis still serves it); 0: none.
         */
        @WithDefault("64M")
        @WithConverter(ByteCount.class)
        long nearMaxBytes();

        /** The longest time a replica answers an entry from memory before asking Redis again. */
        @WithDefault("PT5S")
        Duration nearTtl();

        /**
         * How long a replica answers from memory after its last ping on the near-cache channel came back, and the
         * longest a write waits after its purge for every replica to acknowledge it: together they keep every
         * replica from answering a purged entry from memory after the write's 2xx (see {@code NearLease}).
         */
        @WithDefault("PT0.1S")
        Duration nearLease();
    }

    interface ApiKey {
        /** SHA-256 of the key, lowercase hex; the key itself is never stored. */
        String sha256();

        /** Scopes: any of {@code read}, {@code write}, {@code admin}. */
        Set<String> scopes();

        /** The rate-limit tier (a key of {@code gateway.rate-limit.tiers}). */
        @WithDefault("standard")
        String tier();
    }

    interface InternalAuth {
        /**
         * Keys shared with the services, {@code <id>:<secret>} each (secret: 32 characters or more); the first signs,
         * all verify. From the Secret behind {@code SUITE_INTERNAL_AUTH_KEYS}; see SECURITY.md for rotation.
         */
        List<String> keys();
    }

    interface RateLimit {
        /** Whether requests are rate-limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** The tier of anonymous clients, limited per client IP. */
        @WithDefault("anonymous")
        String anonymousTier();

        /** The longest wait for Redis before the per-replica in-memory limiter decides instead. */
        @WithDefault("PT0.05S")
        Duration timeout();

        /**
         * The most tokens a replica takes at once from a bucket's shared budget to spend without asking Redis (a
         * bucket's first lease is 100, later ones follow its rate here; always at most 1% of the tier's limit, so
         * tiers under 200 are decided by Redis request by request); 1: no leasing.
         */
        @WithDefault("2000")
        int leaseSize();

        /** How long a replica may spend leased tokens (a top-up renews it); unspent ones are then dropped (they stay used). */
        @WithDefault("PT1S")
        Duration leaseTtl();

        /** Tiers by name: requests allowed per period. */
        Map<String, Tier> tiers();
    }

    interface Tier {
        /** Requests allowed per period (also the burst). */
        int limit();

        /** The period the limit applies to. */
        @WithDefault("PT1M")
        Duration period();
    }
}
