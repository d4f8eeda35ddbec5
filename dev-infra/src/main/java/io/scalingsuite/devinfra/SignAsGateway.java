package io.scalingsuite.devinfra;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * A service's tests call it as the gateway would: before each test, rest-assured's requests are signed with the keys
 * the running application has ({@code suite.internal-auth.keys}). A module opts in with the one-line service file
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback} in its test resources.
 */
public class SignAsGateway implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        SignedTestRequests.install("suite.internal-auth.keys");
    }
}
