package io.scalingsuite.aggregation.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.scalingsuite.aggregation.views.reading.Cursors.BadCursor;

/** Every failure as {@code application/problem+json}; nothing internal in the body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badInput(BadInput e, UriInfo uri) {
        return invalid(e.field(), e.getMessage(), uri);
    }

    /** Every paged view takes its cursor as the query parameter {@code cursor}. */
    @ServerExceptionMapper
    public Response badCursor(BadCursor e, UriInfo uri) {
        return invalid("cursor", e.getMessage(), uri);
    }

    private static Response invalid(String field, String message, UriInfo uri) {
        Map<String, Object> problem = problem(400, "validation-failed", "Invalid request",
                "The request has 1 invalid field(s).", uri);
        problem.put("errors", List.of(Map.of("field", field, "message", message)));
        return answer(problem);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        boolean ours = (status == 404 && e.getMessage() != null && e.getMessage().contains("view")) || status == 409;
        String detail = ours ? e.getMessage() : "The request cannot be processed as sent.";
        return answer(problem(status, title.toLowerCase().replace(' ', '-'), title, detail, uri));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (databaseLost(e)) {
            LOG.warnf("Database connection lost on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(answer(problem(503, "service-unavailable", "Service Unavailable",
                    "The views' database is not reachable right now; retry shortly.", uri)))
                    .header("Retry-After", "1").build();
        }
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return answer(problem(500, "internal-error", "Internal Server Error",
                "The request could not be completed. It has been logged; retrying may help.", uri));
    }

    /**
     * A dropped or refused database connection (SQLState class 08; 57P: terminated by an administrator; 53300: the
     * server has no connection slot left), or none free in the pool within its acquisition timeout (Agroal's
     * message; it sets no SQLState).
     */
    static boolean databaseLost(Throwable t) {
        if (t == null) {
            return false;
        }
        if (t instanceof java.sql.SQLTransientConnectionException || (t instanceof java.sql.SQLException sql
                && (sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                        || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("53300"))
                        || sql.getSQLState() == null && "Sorry, acquisition timeout!".equals(sql.getMessage())))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (databaseLost(suppressed)) {
                return true;
            }
        }
        return t.getCause() != t && databaseLost(t.getCause());
    }

    private static Map<String, Object> problem(int status, String type, String title, String detail, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", uri.getPath());
        return problem;
    }

    private static Response answer(Map<String, Object> problem) {
        return Response.status((int) problem.get("status")).type("application/problem+json").entity(problem)
                .header("Cache-Control", "no-store").build();
    }
}
