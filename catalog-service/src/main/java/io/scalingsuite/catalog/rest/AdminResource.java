package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.catalog.service.CatalogExporter;

/** Operations for other services and operators; the gateway admits them only with an admin key. */
@Path("/api/catalog/admin")
@Tag(name = "admin")
public class AdminResource {

    static final String NDJSON = "application/x-ndjson";

    private final CatalogExporter exporter;

    public AdminResource(CatalogExporter exporter) {
        this.exporter = exporter;
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
