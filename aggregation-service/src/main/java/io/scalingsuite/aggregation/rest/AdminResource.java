package io.scalingsuite.aggregation.rest;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.aggregation.views.rebuilding.RebuildStatus;
import io.scalingsuite.aggregation.views.rebuilding.ViewRebuilder;
import io.scalingsuite.internalauth.AdminOnly;

/** View maintenance: only with scope admin, at the gateway and here (AdminOnly). */
@Path("/api/views/admin/rebuild")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    private final ViewRebuilder rebuilder;

    public AdminResource(ViewRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @POST
    @Operation(summary = "Rebuild every view from catalog's snapshot while events keep flowing")
    @APIResponse(responseCode = "202", description = "Started; GET the Location for its progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running",
            content = @Content(mediaType = "application/problem+json"))
    public Response start() {
        RebuildStatus started = rebuilder.start()
                .orElseThrow(() -> new ClientErrorException("A rebuild is already running.", 409));
        // path-only: location(URI) would make it absolute with this instance's own host and port (internal address)
        return Response.accepted(started).header(HttpHeaders.LOCATION, "/api/views/admin/rebuild")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Operation(summary = "Progress of the current or last rebuild")
    @APIResponse(responseCode = "200", description = "The current or last rebuild",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildStatus.class)))
    public Response status() {
        return Response.ok(rebuilder.status()).header("Cache-Control", "no-store").build();
    }
}
