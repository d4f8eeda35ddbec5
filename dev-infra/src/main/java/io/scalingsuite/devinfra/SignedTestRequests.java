package io.scalingsuite.devinfra;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.contracts.SigningKeys;

/**
 * For a service's own {@code @QuarkusTest}s, which call it directly as the gateway would: every rest-assured request
 * that does not carry a caller header already gets one signed for caller {@code test} with every scope, under the
 * keys the service is configured with. Tests of the check itself send their own header (forged, replayed) or use
 * another HTTP client.
 */
public final class SignedTestRequests implements Filter {

    public static final String CALLER = "test";

    private final CallerSignature signer;

    private SignedTestRequests(CallerSignature signer) {
        this.signer = signer;
    }

    /**
     * Puts the filter among rest-assured's global filters, signing with the keys the running application has
     * (a test profile may have changed them); {@code keysProperty}: e.g. {@code suite.internal-auth.keys}.
     */
    public static synchronized void install(String keysProperty) {
        String keys = ConfigProvider.getConfig().getValue(keysProperty, String.class);
        List<Filter> others = RestAssured.filters().stream()
                .filter(filter -> !filter.getClass().getName().equals(SignedTestRequests.class.getName())).toList();
        RestAssured.replaceFiltersWith(others);
        RestAssured.filters(new SignedTestRequests(signer(keys)));
    }

    /** A signer for {@code <id>:<secret>,...} as configured. */
    public static CallerSignature signer(String keys) {
        return new CallerSignature(SigningKeys.parse(keys), Clock.systemUTC());
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName(CallerSignature.HEADER)) {
            URI uri = URI.create(request.getURI());
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            request.header(CallerSignature.HEADER,
                    signer.sign(request.getMethod(), target, CALLER, "admin,read,write"));
        }
        return context.next(request, response);
    }
}
