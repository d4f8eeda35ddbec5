package io.scalingsuite.internalauth;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;

/** The suite's caller signature under this service's keys: verifies requests, signs the service's own calls. */
@ApplicationScoped
public class CallerSignatures {

    @Produces
    @ApplicationScoped
    CallerSignature callerSignature(InternalAuthConfig config) {
        return new CallerSignature(SigningKeys.of(config.keys()), Clock.systemUTC());
    }
}
