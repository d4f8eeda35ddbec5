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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.contract.ViewTags;
import io.scalingsuite.aggregation.views.reading.CardListing;
import io.scalingsuite.aggregation.views.reading.ViewQueries;

/** Listings served from the denormalized product cards, keyset-paginated. */
@Path("/api/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "views")
public class ListingResource {

    private static final int MAX_LIMIT = 100;

    private final CardListing listing;
    private final ViewQueries views;
    private final ObjectMapper mapper;
    private final String cacheControl;

    public ListingResource(CardListing listing, ViewQueries views, ObjectMapper mapper, AggregationConfig config) {
        this.listing = listing;
        this.views = views;
        this.mapper = mapper;
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
        try {
            ObjectNode page = listing.page(category, "rating".equals(sort), limit(limit, 20), cursor);
            return Response.ok(page.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", cacheControl)
                    .header("Cache-Tag", ViewTags.PRODUCTS).build();
        } catch (CardListing.BadCursor e) {
            throw new BadInput("cursor", e.getMessage());
        }
    }

    @GET
    @Path("categories/{id}/top")
    @Operation(summary = "The best-rated products of a category and its descendants")
    @APIResponse(responseCode = "200", description = "{categoryId, items}")
    @APIResponse(responseCode = "400", description = "id is not a UUID, or limit is not 1-100",
            content = @Content(mediaType = ViewResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "No such category (unknown or deleted)",
            content = @Content(mediaType = ViewResource.PROBLEM))
    public Response top(@PathParam("id") String id, @QueryParam("limit") String limit) throws SQLException {
        UUID categoryId = BadInput.uuid("id", id);
        ObjectNode body = mapper.createObjectNode().put("categoryId", categoryId.toString());
        body.set("items", views.topProducts(categoryId, limit(limit, 10))
                .orElseThrow(() -> new NotFoundException("Category " + categoryId + " has no view (yet).")));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", cacheControl)
                .header("Cache-Tag", ViewTags.CATEGORIES).build();
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
