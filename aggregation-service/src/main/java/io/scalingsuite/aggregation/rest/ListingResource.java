package io.scalingsuite.aggregation.rest;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.contract.ViewTags;
import io.scalingsuite.aggregation.views.reading.CardListing;
import io.scalingsuite.aggregation.views.reading.MerchantCategoryCounts;
import io.scalingsuite.aggregation.views.reading.TopProducts;

/** Listings served from the denormalized product cards, keyset-paginated. */
@Path("/api/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "views")
public class ListingResource {

    private static final int MAX_LIMIT = 100;

    private final CardListing listing;
    private final TopProducts top;
    private final MerchantCategoryCounts categoryCounts;
    private final String cacheControl;

    public ListingResource(CardListing listing, TopProducts top, MerchantCategoryCounts categoryCounts,
            AggregationConfig config) {
        this.listing = listing;
        this.top = top;
        this.categoryCounts = categoryCounts;
        this.cacheControl = "public, max-age=" + config.http().maxAge().toSeconds();
    }

    @GET
    @Path("products")
    @Operation(summary = "Product cards by price or rating, optionally in one category: {items, nextCursor}")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is null on the last")
    @APIResponse(responseCode = "400",
            description = "categoryId, sort, limit or cursor is invalid (named in the problem)",
            content = @Content(mediaType = ViewResource.PROBLEM))
    public Response products(@QueryParam("categoryId") String categoryId, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) throws SQLException {
        UUID category = categoryId == null ? null : BadInput.uuid("categoryId", categoryId);
        if (sort != null && !sort.equals("rating") && !sort.equals("price")) {
            throw new BadInput("sort", "must be rating or price");
        }
        return ok(listing.page(category, "rating".equals(sort), limit(limit, 20), cursor), ViewTags.PRODUCTS);
    }

    @GET
    @Path("categories/{id}/top")
    @Operation(summary = "The products of a category and its descendants, best rating first (unrated last), then "
            + "review count, then id: {categoryId, items, nextCursor}")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is null on the last")
    @APIResponse(responseCode = "400", description = "id is not a UUID, limit is not 1-100, or cursor was not issued "
            + "by this category's top list (named in the problem)",
            content = @Content(mediaType = ViewResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "No such category (unknown or deleted)",
            content = @Content(mediaType = ViewResource.PROBLEM))
    public Response top(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) throws SQLException {
        UUID categoryId = BadInput.uuid("id", id);
        return ok(top.page(categoryId, limit(limit, 10), cursor).orElseThrow(
                () -> new NotFoundException("Category " + categoryId + " has no view (yet).")),
                ViewTags.CATEGORIES);
    }

    @GET
    @Path("merchants/{id}/category-counts")
    @Operation(summary = "A merchant's product count per category, by category id: {merchantId, items: [{categoryId, "
            + "productCount}], nextCursor}")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is null on the last")
    @APIResponse(responseCode = "400", description = "id is not 1-64 letters, digits, '-' or '_', limit is not "
            + "1-100, or cursor was not issued for this merchant (named in the problem)",
            content = @Content(mediaType = ViewResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "No products of this merchant seen",
            content = @Content(mediaType = ViewResource.PROBLEM))
    public Response categoryCounts(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) throws SQLException {
        String merchantId = BadInput.merchantId("id", id);
        // Same tags as the merchant summary: every change of these counts changes the summary too.
        return ok(categoryCounts.page(merchantId, limit(limit, 100), cursor).orElseThrow(
                () -> new NotFoundException("Merchant " + merchantId + " has no view (yet).")),
                ViewTags.all(ViewTags.merchant(merchantId), ViewTags.MERCHANTS));
    }

    private Response ok(ObjectNode page, String tags) {
        return Response.ok(page.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", cacheControl)
                .header("Cache-Tag", tags).build();
    }

    private static int limit(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
