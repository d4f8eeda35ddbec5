package io.scalingsuite.catalog.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import io.scalingsuite.catalog.api.Page;
import io.scalingsuite.catalog.api.ReviewDocument;
import io.scalingsuite.catalog.api.ReviewInput;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.service.ProductQueries;
import io.scalingsuite.catalog.service.ReviewService;
import io.scalingsuite.catalog.service.idempotency.IdempotentCreates;

/** A product's reviews over HTTP, newest first. */
@Path("/api/catalog/products/{productId}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reviews")
public class ReviewResource {

    private final ReviewService service;
    private final ProductQueries paging;
    private final IdempotentCreates idempotent;

    public ReviewResource(ReviewService service, ProductQueries paging, IdempotentCreates idempotent) {
        this.service = service;
        this.paging = paging;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a review (rating 1..5); an Idempotency-Key makes retries safe")
    @Parameter(name = IdempotencyHeader.KEY, in = ParameterIn.HEADER, description = IdempotencyHeader.DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created (or replayed: header Idempotency-Replayed: true)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response add(@PathParam("productId") String productId,
            @HeaderParam(IdempotencyHeader.KEY) String idempotencyKey, @Context ContainerRequestContext request,
            ReviewInput input) {
        UUID product = Params.uuid("productId", productId);
        IdempotentCreates.Created<ReviewDocument> result = idempotencyKey == null
                ? new IdempotentCreates.Created<>(service.add(product, input), false)
                : idempotent.review(IdempotencyHeader.check(idempotencyKey, request), product, input);
        ReviewDocument created = result.document();
        return IdempotencyHeader.mark(
                Created.at("/api/catalog/products/" + product + "/reviews/" + created.id()), result)
                .header(CacheControlFilter.CACHE_TAG, CacheTags.reviewWrite(product).header()).entity(created).build();
    }

    @GET
    @Path("{reviewId}")
    @Operation(summary = "One review")
    @APIResponse(responseCode = "200", description = "The review")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("productId") String productId, @PathParam("reviewId") String reviewId) {
        UUID product = Params.uuid("productId", productId);
        ReviewDocument review = service.get(product, Params.uuid("reviewId", reviewId));
        return Response.ok(review).header(CacheControlFilter.CACHE_TAG, CacheTags.reviews(product)).build();
    }

    @GET
    @Operation(summary = "A keyset page of a product's reviews, newest first")
    @APIResponse(responseCode = "200", description = "One page; nextCursor is null on the last")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response list(@PathParam("productId") String productId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        UUID product = Params.uuid("productId", productId);
        Page<ReviewDocument> page = service.page(product, cursor, paging.limit(Params.integer("limit", limit)));
        return Response.ok(page).header(CacheControlFilter.CACHE_TAG, CacheTags.reviews(product)).build();
    }
}
