package io.scalingsuite.catalog.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.catalog.api.CategoryDocument;
import io.scalingsuite.catalog.api.CategoryInput;
import io.scalingsuite.catalog.api.IfMatch;
import io.scalingsuite.catalog.api.Page;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.service.CategoryDeletes;
import io.scalingsuite.catalog.service.CategoryEdits;
import io.scalingsuite.catalog.service.CategoryService;
import io.scalingsuite.catalog.service.ProductQueries;
import io.scalingsuite.catalog.service.idempotency.IdempotentCreates;

/** The category tree over HTTP. */
@Path("/api/catalog/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "categories")
public class CategoryResource {

    private final CategoryService service;
    private final CategoryEdits edits;
    private final CategoryDeletes deletes;
    private final ProductQueries paging;
    private final IdempotentCreates idempotent;

    public CategoryResource(CategoryService service, CategoryEdits edits, CategoryDeletes deletes,
            ProductQueries paging, IdempotentCreates idempotent) {
        this.service = service;
        this.edits = edits;
        this.deletes = deletes;
        this.paging = paging;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a category under an optional parent; an Idempotency-Key makes retries safe")
    @Parameter(name = IdempotencyHeader.KEY, in = ParameterIn.HEADER, description = IdempotencyHeader.DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created (or replayed: header Idempotency-Replayed: true)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(@HeaderParam(IdempotencyHeader.KEY) String idempotencyKey,
            @Context ContainerRequestContext request, CategoryInput input) {
        IdempotentCreates.Created<CategoryDocument> result = idempotencyKey == null
                ? new IdempotentCreates.Created<>(service.create(input), false)
                : idempotent.category(IdempotencyHeader.check(idempotencyKey, request), input);
        CategoryDocument created = result.document();
        return IdempotencyHeader.mark(Created.at("/api/catalog/categories/" + created.id()), result)
                .header("ETag", ETags.of(created.version(), null))
                .header(CacheControlFilter.CACHE_TAG, CacheTags.categoryWrite(created.id()).header())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One category; its ETag is the version a PATCH or DELETE names in If-Match")
    @APIResponse(responseCode = "200", description = "The category")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") String id) {
        CategoryDocument category = service.get(Params.uuid("id", id));
        return Response.ok(category).header("ETag", ETags.of(category.version(), null))
                .header(CacheControlFilter.CACHE_TAG, CacheTags.category(category.id())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ ProductResource.MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Rename or move a category with a JSON merge patch of slug, name, parentId; "
            + "If-Match required; emits CategoryUpdated")
    @APIResponse(responseCode = "200", description = "Patched (unchanged if the patch changes nothing); the new ETag")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String mergePatch) {
        CategoryDocument category = edits.patch(Params.uuid("id", id), IfMatch.required(ifMatch), mergePatch);
        return Response.ok(category).header("ETag", ETags.of(category.version(), null))
                .header(CacheControlFilter.CACHE_TAG, CacheTags.categoryWrite(category.id()).header()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a category no product and no child category uses; If-Match optional; "
            + "emits CategoryDeleted")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        UUID categoryId = Params.uuid("id", id);
        deletes.delete(categoryId, IfMatch.optional(ifMatch));
        return Response.noContent()
                .header(CacheControlFilter.CACHE_TAG, CacheTags.categoryWrite(categoryId).header()).build();
    }

    @GET
    @Operation(summary = "A keyset page of categories in creation order")
    @APIResponse(responseCode = "200", description = "One page; nextCursor is null on the last")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<CategoryDocument> page = service.page(cursor, paging.limit(Params.integer("limit", limit)));
        return Response.ok(page).header(CacheControlFilter.CACHE_TAG, CacheTags.CATEGORIES).build();
    }
}
