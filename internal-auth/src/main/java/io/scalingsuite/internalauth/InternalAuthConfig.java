package io.scalingsuite.internalauth;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The signed caller header as every service checks it, under {@code suite.internal-auth.*}. */
@ConfigMapping(prefix = "suite.internal-auth")
public interface InternalAuthConfig {

    /**
     * Keys shared with the gateway, {@code <id>:<secret>,...} (secret: 32 characters or more); every one verifies,
     * the first signs this service's own calls. Env {@code SUITE_INTERNAL_AUTH_KEYS}, from a Kubernetes Secret.
     */
    List<String> keys();

    /** How far a signature's time may be from this instance's clock, either way; nonces are kept twice as long. */
    @WithDefault("PT30S")
    Duration maxAge();

    /** The longest wait for Redis to claim a nonce; then this instance's own ledger decides alone. */
    @WithDefault("PT0.05S")
    Duration nonceTimeout();

    /** Prefix of the nonce keys in Redis, one per service, e.g. {@code catalog:caller-nonce}. */
    String noncePrefix();
}
