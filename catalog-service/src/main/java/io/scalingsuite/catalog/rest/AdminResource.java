package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.service.export.CatalogExporter;
import io.scalingsuite.catalog.service.resharding.MerchantMover;
import io.scalingsuite.internalauth.AdminOnly;

/** Operations for other services and operators: only with scope admin, at the gateway and here (AdminOnly). */
@Path("/api/catalog/admin")
@AdminOnly
@Tag(name = "admin")
public class AdminResource {

    static final String NDJSON = "application/x-ndjson";

    private final CatalogExporter exporter;
    private final MerchantMover mover;

    public AdminResource(CatalogExporter exporter, MerchantMover mover) {
        this.exporter = exporter;
        this.mover = mover;
    }

    @POST
    @Path("merchants/{merchantId}/move")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move one merchant to another shard online: copy, catch up, switch, verify counts, delete")
    public MerchantMover.Report move(@PathParam("merchantId") String merchantId, @QueryParam("to") String to) {
        if (to == null || to.isBlank()) {
            throw CatalogException.invalid("to", "must name the target shard");
        }
        return mover.move(Params.merchantId("merchantId", merchantId), to);
    }

    @GET
    @Path("export")
    @Produces(NDJSON)
    @Operation(summary = "The whole catalog from one consistent snapshot, as NDJSON, for rebuilding views")
    public Response export() {
        StreamingOutput body = exporter::export;
        return Response.ok(body, NDJSON).header("Cache-Control", "no-store").build();
    }
}
