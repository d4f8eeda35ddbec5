package io.scalingsuite.aggregation.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.aggregation.events.DeadLetterReplay;
import io.scalingsuite.internalauth.AdminOnly;

/** The dead-letter stream: only with scope admin, at the gateway (an admin path) and here (AdminOnly). */
@Path("/api/views/admin/dead-letters")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class DeadLetterResource {

    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @GET
    @Operation(summary = "How many events wait in the dead-letter stream")
    @APIResponse(responseCode = "200", description = "{size}")
    public Response size() {
        return Response.ok(Map.of("size", replay.size())).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("replay")
    @Operation(summary = "Put every dead-lettered event back into the stream (idempotent: event ids deduplicate)")
    @APIResponse(responseCode = "200", description = "{replayed}: how many entries went back")
    public Response replay() {
        return Response.ok(Map.of("replayed", replay.replay())).header("Cache-Control", "no-store").build();
    }
}
