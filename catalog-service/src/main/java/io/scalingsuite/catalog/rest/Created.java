package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * 201 with a path-only {@code Location} (RFC 9110 allows a relative reference). {@code Response.created(URI)}
 * would make it absolute from this instance's own host and port, which behind the gateway is an internal
 * address a client must never see.
 */
final class Created {

    private Created() {
    }

    static Response.ResponseBuilder at(String path) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path);
    }
}
