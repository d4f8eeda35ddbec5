package io.scalingsuite.catalog.security;

import jakarta.ws.rs.core.Response;

import io.scalingsuite.catalog.rest.Problem;
import io.scalingsuite.contracts.CallerGate;

/** The problem+json answers of {@link CallerFilter}: 401 without a usable signature, 403 without the scope. */
final class CallerProblems {

    private CallerProblems() {
    }

    static Response refused(CallerGate.Decision decision, String path) {
        boolean forbidden = decision.status() == 403;
        Problem problem = Problem.of(decision.status(), forbidden ? "forbidden" : "unauthorized",
                forbidden ? "Forbidden" : "Unauthorized", decision.detail(), path);
        Response.ResponseBuilder answer = Response.status(decision.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (!forbidden) {
            answer.header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        }
        return answer.build();
    }
}
