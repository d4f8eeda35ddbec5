package io.scalingsuite.catalog.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The OpenAPI document's header and the problem+json answers that operations refer to by name. */
@OpenAPIDefinition(info = @Info(title = "Scaling Suite catalog-service", version = "0.1.0"),
        components = @Components(headers = @Header(name = "ServedBy", description = "What answered this read: "
                + "primary or replica (a shard's database; for a listing over several shards, replica when any "
                + "replica answered) or cache (catalog's Redis cache). A role, never a host. Through the gateway, "
                + "X-Cache: HIT means the gateway's cache answered with what the named source had served.",
                schema = @Schema(type = SchemaType.STRING, enumeration = { "primary", "replica", "cache" })),
                responses = {
                        @APIResponse(name = "BadRequest", description = "Invalid input; each field named in errors",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "NotFound", description = "No such resource",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Conflict",
                                description = "Duplicate SKU or slug, or a category still in use",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PreconditionFailed", description = "If-Match names an old version",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PayloadTooLarge", description = "Body over catalog.http.max-body-bytes",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Unprocessable",
                                description = "Unknown category or parent, a category moved under itself or its "
                                        + "subtree, a merchant change, or an Idempotency-Key reused with another body",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PreconditionRequired", description = "If-Match missing",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Unavailable",
                                description = "A shard did not answer; nothing was written (Retry-After: 1)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))) }))
public class CatalogOpenApi extends Application {
}
