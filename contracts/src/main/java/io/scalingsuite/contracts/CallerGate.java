package io.scalingsuite.contracts;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What a service runs before a write or an admin operation: the request must carry a valid {@link CallerSignature}
 * with the scope the operation needs, and its nonce must be new. The nonce is claimed in a store all replicas share
 * (Redis) and in this process's {@link NonceLedger}; when the shared store fails or is slower than
 * {@code claimTimeout}, the local ledger decides alone, so a Redis outage never stops writes (a replay to another
 * replica is then possible within the signature's age).
 */
public final class CallerGate {

    /** A store of nonces shared by the replicas: completes true for a first claim, false for a replay. */
    @FunctionalInterface
    public interface SharedNonces {
        CompletionStage<Boolean> claim(String key, Duration ttl);
    }

    /** The outcome: {@code status} 0 lets the request through, as {@code caller}; otherwise 401 or 403. */
    public record Decision(int status, String reason, String detail, String caller, boolean sharedStore) {

        public boolean allowed() {
            return status == 0;
        }

        static Decision refused(int status, String reason, String detail) {
            return new Decision(status, reason, detail, null, false);
        }
    }

    private static final int MAX_LOCAL_NONCES = 500_000;

    private final CallerSignature signature;
    private final Duration maxAge;
    private final SharedNonces shared;
    private final Duration claimTimeout;
    private final String keyPrefix;
    private final NonceLedger local = new NonceLedger(MAX_LOCAL_NONCES);
    private final Clock clock;

    /** {@code keyPrefix}: this service's namespace in the shared store, e.g. {@code catalog:caller-nonce}. */
    public CallerGate(CallerSignature signature, Duration maxAge, SharedNonces shared, Duration claimTimeout,
            String keyPrefix, Clock clock) {
        this.signature = signature;
        this.maxAge = maxAge;
        this.shared = shared;
        this.claimTimeout = claimTimeout;
        this.keyPrefix = keyPrefix;
        this.clock = clock;
    }

    /**
     * The scope an operation needs, as the gateway decides it: {@code admin} for every method of an admin operation,
     * {@code write} for any other method that is not a read; null: open (reads stay open inside the cluster).
     */
    public static String requiredScope(String method, boolean adminOperation) {
        if (adminOperation) {
            return "admin";
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> null;
            default -> "write";
        };
    }

    /** Decides one request; {@code target}: the request target exactly as received (path and query). */
    public CompletionStage<Decision> admit(String header, String method, String target, String scope) {
        Verification verified = signature.verify(header, method, target, maxAge.toSeconds());
        if (!verified.valid()) {
            return CompletableFuture
                    .completedFuture(Decision.refused(401, verified.status().name().toLowerCase(java.util.Locale.ROOT),
                            verified.status() == Verification.Status.MISSING
                                    ? "This operation is accepted only through the gateway, with an API key."
                                    : "The request's caller signature is not valid for this service."));
        }
        if (!verified.has(scope)) {
            return CompletableFuture.completedFuture(Decision.refused(403, "scope",
                    "The caller lacks scope '" + scope + "'."));
        }
        // Kept until a replay would be refused as expired anyway: the signature's age either way, plus a second.
        Duration ttl = maxAge.multipliedBy(2).plusSeconds(1);
        long now = clock.millis();
        boolean freshHere = local.claim(verified.nonce(), now + ttl.toMillis(), now); // always: outlives a Redis outage
        return claimShared(verified.nonce(), ttl).handle((first, failure) -> {
            boolean sharedAnswered = failure == null && first != null;
            boolean fresh = freshHere && (!sharedAnswered || first);
            return fresh ? new Decision(0, "allowed", null, verified.caller(), sharedAnswered)
                    : Decision.refused(401, "replayed", "This signed request was already used.");
        });
    }

    private CompletableFuture<Boolean> claimShared(String nonce, Duration ttl) {
        try {
            return shared.claim(keyPrefix + ":" + nonce, ttl).toCompletableFuture()
                    .orTimeout(claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
