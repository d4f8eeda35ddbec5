package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.JsonErrors;

/**
 * The one place where failures become HTTP answers: always {@code application/problem+json}, never a stack trace,
 * an exception class, SQL or a host name. Anything unexpected is logged here and answered with a bare 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> catalog(CatalogException e, UriInfo uri) {
        RestResponse<Problem> answer = problem(new Problem("/problems/" + e.type(), e.title(), e.status(),
                e.getMessage(), path(uri), e.errors()));
        if (e.status() == 503) {
            // a deliberate 503 (a late shard): the gateway's circuit does not count it against catalog
            answer.getHeaders().putSingle("Retry-After", "1");
        }
        return answer;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> json(JsonProcessingException e, UriInfo uri) {
        return catalog(JsonErrors.describe(e), uri);
    }

    /** Declared apart from {@link #json}: Quarkus maps this subtype itself unless the application does. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatch(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        RestResponse<Problem> answer = problem(Problem.of(status, slug(title), title, detailFor(status), path(uri)));
        String allow = status == 405 && uri != null ? allowedMethods.of(uri.getPath()) : null;
        if (allow != null) {
            answer.getHeaders().putSingle("Allow", allow); // RFC 9110: a 405 names the methods that are allowed
        }
        return answer;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Exception e, UriInfo uri) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("No database connection for %s: %s", path(uri), e.getMessage());
            RestResponse<Problem> answer = problem(Problem.of(503, "service-unavailable", "Service Unavailable",
                    "The catalog's database is unreachable or busy right now; retry shortly.", path(uri)));
            answer.getHeaders().putSingle("Retry-After", "1");
            return answer;
        }
        LOG.error("Unexpected failure on " + path(uri), e);
        return problem(Problem.of(500, "internal-error", "Internal Server Error",
                "The request could not be completed. It has been logged; retrying may help.", path(uri)));
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This resource does not support the method.";
            case 406 -> "This resource answers only application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The request cannot be processed as sent.";
        };
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem)
                .header("Content-Type", Problem.MEDIA_TYPE)
                .build();
    }
}
