package io.scalingsuite.aggregation.security;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;

/** The suite's caller signature under this service's keys: verifies requests here, signs the calls to catalog. */
@ApplicationScoped
public class Signatures {

    /** The caller name of this service's own requests to catalog (the snapshot of a rebuild). */
    public static final String SELF = "aggregation-service";

    @Produces
    @ApplicationScoped
    CallerSignature callerSignature(AggregationConfig config) {
        return new CallerSignature(SigningKeys.of(config.internalAuth().keys()), Clock.systemUTC());
    }
}
