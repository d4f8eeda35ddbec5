package io.scalingsuite.contracts;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@link CallerSignature#verify} found: a status, and for a valid header who called with which scopes. */
public record Verification(Status status, String caller, Set<String> scopes, String nonce, long epochSeconds) {

    public enum Status {
        /** Signed with a known key, for this request, recently: the nonce still has to be new. */
        VALID,
        /** No header: the request did not come through the gateway. */
        MISSING,
        /** Not in the header's grammar. */
        MALFORMED,
        /** Names a key this service does not have (a rotation step missed, or made up). */
        UNKNOWN_KEY,
        /** The signature does not match this request (another method or target, or tampered fields). */
        FORGED,
        /** Signed longer ago (or further ahead) than the allowed age. */
        EXPIRED
    }

    static Verification of(Status status) {
        return new Verification(status, null, Set.of(), null, 0);
    }

    static Verification valid(String caller, String scopes, String nonce, long epochSeconds) {
        Set<String> set = scopes.isEmpty() ? Set.of()
                : Arrays.stream(scopes.split(",")).collect(Collectors.toUnmodifiableSet());
        return new Verification(Status.VALID, caller, set, nonce, epochSeconds);
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
