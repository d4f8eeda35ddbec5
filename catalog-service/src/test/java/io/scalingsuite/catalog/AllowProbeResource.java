package io.scalingsuite.catalog;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * A resource that exists only in the tests and is listed nowhere: the {@code Allow} header of a 405 on it shows
 * that the allowed methods come from the deployed resources themselves.
 */
@Path("/test-only/allow-probe/{id}")
public class AllowProbeResource {

    @GET
    public String get(@PathParam("id") String id) {
        return id;
    }

    @DELETE
    public void delete(@PathParam("id") String id) {
    }
}
