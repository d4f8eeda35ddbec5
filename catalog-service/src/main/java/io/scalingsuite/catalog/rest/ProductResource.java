package io.scalingsuite.catalog.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.catalog.api.CachedProduct;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.IfMatch;
import io.scalingsuite.catalog.api.ProductDocument;
import io.scalingsuite.catalog.api.ProductInput;
import io.scalingsuite.catalog.api.SparseFields;
import io.scalingsuite.catalog.api.TextQuery;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductSort;
import io.scalingsuite.catalog.repository.shard.ConsistencyToken;
import io.scalingsuite.catalog.service.ProductQueries;
import io.scalingsuite.catalog.service.ProductService;
import io.scalingsuite.catalog.service.Served;
import io.scalingsuite.catalog.service.idempotency.IdempotentCreates;
import io.smallrye.mutiny.Uni;

/** Products over HTTP. Reads return {@link Uni} so a cache hit is answered on the I/O thread. */
@Path("/api/catalog/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
public class ProductResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProductQueries queries;
    private final ProductService service;
    private final IdempotentCreates idempotent;

    public ProductResource(ProductQueries queries, ProductService service, IdempotentCreates idempotent) {
        this.queries = queries;
        this.service = service;
        this.idempotent = idempotent;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One product; ETag and If-None-Match (304); fields= selects properties")
    @APIResponse(responseCode = "200", description = "The product", headers = @Header(name = Served.HEADER,
            ref = "ServedBy"))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> get(@PathParam("id") String id, @QueryParam("fields") String fields,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam(ConsistencyToken.HEADER) String consistencyToken) {
        UUID productId = Params.uuid("id", id);
        SparseFields selected = SparseFields.parse(fields);
        return queries.byId(productId, selected, ConsistencyToken.parse(consistencyToken)).map(found -> found.value()
                .map(product -> render(productId, product, selected, ifNoneMatch))
                .orElseThrow(() -> CatalogException.notFound("Product", productId))
                .header(Served.HEADER, found.source().label()).build());
    }

    @GET
    @Operation(summary = "A keyset page of products: {items, nextCursor}; q= searches, attr.<name>= filters")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Words to find in name and description ('english' "
            + "stemming; all must match, the last also as a prefix) or an exact SKU; at most 200 characters, 8 words. "
            + "Sorts by relevance unless sort= says otherwise")
    @Parameter(name = "attr.<name>", in = ParameterIn.QUERY, description = "Attribute filter, repeatable, all must "
            + "hold: attr.color=brown, attr.width=140, attr.vegan=true, attr.size=\"42\" (a quoted JSON string). "
            + "Names 1-64 of [A-Za-z0-9_-], values at most 200 characters, at most 8 filters; else 400 naming it")
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "price, -price, createdAt (default), -createdAt, "
            + "or relevance (default with q, only with q)")
    @APIResponse(responseCode = "200", description = "One page; nextCursor is null on the last",
            headers = @Header(name = Served.HEADER, ref = "ServedBy"))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> list(@QueryParam("categoryId") String categoryId, @QueryParam("merchantId") String merchantId,
            @QueryParam("minPriceCents") String minPriceCents, @QueryParam("maxPriceCents") String maxPriceCents,
            @QueryParam("inStock") String inStock, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @QueryParam("fields") String fields,
            @HeaderParam(ConsistencyToken.HEADER) String consistencyToken, @Context UriInfo uri) {
        TextQuery text = TextQuery.parse(q);
        ProductFilter filter = new ProductFilter(Params.uuid("categoryId", categoryId),
                Params.merchantId("merchantId", merchantId), Params.nonNegativeLong("minPriceCents", minPriceCents),
                Params.nonNegativeLong("maxPriceCents", maxPriceCents), Params.bool("inStock", inStock),
                Params.attributes(uri.getQueryParameters()), text, order(sort, text));
        return queries.page(filter, cursor, queries.limit(Params.integer("limit", limit)), SparseFields.parse(fields),
                ConsistencyToken.parse(consistencyToken))
                .map(page -> Response.ok(page.value(), MediaType.APPLICATION_JSON_TYPE)
                        .header(CacheControlFilter.CACHE_TAG, CacheTags.PRODUCTS)
                        .header(Served.HEADER, page.source().label()).build());
    }

    private static ProductSort order(String sort, TextQuery text) {
        if (sort == null) {
            return text == null ? ProductSort.CREATED_AT : ProductSort.RELEVANCE;
        }
        ProductSort order = ProductSort.fromParam(sort).orElseThrow(() -> CatalogException.invalid("sort",
                "must be one of price, -price, createdAt, -createdAt, relevance"));
        if (order == ProductSort.RELEVANCE && text == null) {
            throw CatalogException.invalid("sort", "relevance needs a search: add q");
        }
        return order;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product: 201 with Location and ETag; an Idempotency-Key makes retries safe")
    @Parameter(name = IdempotencyHeader.KEY, in = ParameterIn.HEADER, description = IdempotencyHeader.DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created (or replayed: header Idempotency-Replayed: true)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(@HeaderParam(IdempotencyHeader.KEY) String idempotencyKey,
            @Context ContainerRequestContext request, ProductInput input) {
        IdempotentCreates.Created<ProductDocument> result = idempotencyKey == null
                ? new IdempotentCreates.Created<>(service.create(input), false)
                : idempotent.product(IdempotencyHeader.check(idempotencyKey, request), input);
        ProductDocument created = result.document();
        return IdempotencyHeader.mark(Created.at("/api/catalog/products/" + created.id()), result)
                .header("ETag", ETags.of(created.version(), null))
                .header(CacheControlFilter.CACHE_TAG, CacheTags.productWrite(created.id()).header())
                .entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a product; If-Match required (428 without, 412 when stale)")
    @APIResponse(responseCode = "200", description = "Replaced; the new ETag")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, ProductInput input) {
        return written(service.replace(Params.uuid("id", id), IfMatch.required(ifMatch), input));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a product with a JSON merge patch; If-Match required")
    @APIResponse(responseCode = "200", description = "Patched; the new ETag")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String mergePatch) {
        return written(service.patch(Params.uuid("id", id), IfMatch.required(ifMatch), mergePatch));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a product (and its reviews); If-Match optional")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        UUID productId = Params.uuid("id", id);
        service.delete(productId, IfMatch.optional(ifMatch));
        return Response.noContent().header(CacheControlFilter.CACHE_TAG, CacheTags.productWrite(productId).header())
                .build();
    }

    private static Response.ResponseBuilder render(UUID id, CachedProduct product, SparseFields fields,
            String ifNoneMatch) {
        String etag = ETags.of(product.version(), fields);
        Response.ResponseBuilder answer = ETags.matchesIfNoneMatch(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(product.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.header("ETag", etag).header(CacheControlFilter.CACHE_TAG, CacheTags.product(id));
    }

    private static Response written(ProductDocument product) {
        return Response.ok(product).header("ETag", ETags.of(product.version(), null))
                .header(CacheControlFilter.CACHE_TAG, CacheTags.productWrite(product.id()).header()).build();
    }
}
