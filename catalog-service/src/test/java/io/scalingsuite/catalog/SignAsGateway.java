package io.scalingsuite.catalog;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.scalingsuite.devinfra.SignedTestRequests;

/** Every test calls catalog as the gateway would: rest-assured requests carry a signed caller header. */
public class SignAsGateway implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        SignedTestRequests.install("catalog.internal-auth.keys");
    }
}
