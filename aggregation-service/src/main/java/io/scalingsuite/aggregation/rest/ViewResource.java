package io.scalingsuite.aggregation.rest;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.contract.ViewTags;
import io.scalingsuite.aggregation.views.reading.View;
import io.scalingsuite.aggregation.views.reading.ViewQueries;

/** The precomputed views over HTTP, with ETags and cache headers for the gateway. */
@Path("/api/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "views")
public class ViewResource {

    static final String PROBLEM = "application/problem+json";

    private final ViewQueries views;
    private final String cacheControl;

    public ViewResource(ViewQueries views, AggregationConfig config) {
        this.views = views;
        this.cacheControl = "public, max-age=" + config.http().maxAge().toSeconds();
    }

    @GET
    @Path("products/{id}")
    @Operation(summary = "The product card: product, category path, rating and three newest reviews")
    @APIResponse(responseCode = "200", description = "The card, with ETag, Cache-Control and Cache-Tag")
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No card for this product (unknown or deleted)",
            content = @Content(mediaType = PROBLEM))
    public Response product(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        UUID productId = BadInput.uuid("id", id);
        Optional<View> card = views.productCard(productId);
        // The card embeds its category's path: a rename or move of any of them purges it by the category's tag.
        String tags = ViewTags.all(Stream.concat(Stream.of(ViewTags.product(productId), ViewTags.PRODUCTS),
                card.map(View::categories).orElse(List.of()).stream().map(ViewTags::category)).toArray(String[]::new));
        return render(card, tags, "Product " + productId, ifNoneMatch);
    }

    @GET
    @Path("categories/{id}/summary")
    @Operation(summary = "Counts, prices, ratings and the top 10 products of a category and its descendants")
    @APIResponse(responseCode = "200", description = "The summary, with Cache-Control, Cache-Tag and an ETag that is "
            + "a digest of the body (its version field is a change count that can go down when a category leaves the "
            + "subtree, so no validator)")
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such category (unknown or deleted)",
            content = @Content(mediaType = PROBLEM))
    public Response category(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        UUID categoryId = BadInput.uuid("id", id);
        return render(views.categorySummary(categoryId), ViewTags.CATEGORIES, "Category " + categoryId, ifNoneMatch);
    }

    @GET
    @Path("merchants/{id}/summary")
    @Operation(summary = "A merchant's product count, stock value, rating and products per category (the first 100 "
            + "by category id; categoryCountsNextCursor continues in category-counts)")
    @APIResponse(responseCode = "200", description = "The summary, with Cache-Control, Cache-Tag and an ETag that is "
            + "a digest of the body (a rebuild starts its version field again at 1, so no validator)")
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    @APIResponse(responseCode = "400", description = "id is not 1-64 letters, digits, '-' or '_'",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No products of this merchant seen",
            content = @Content(mediaType = PROBLEM))
    public Response merchant(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        BadInput.merchantId("id", id);
        return render(views.merchantSummary(id), ViewTags.all(ViewTags.merchant(id), ViewTags.MERCHANTS),
                "Merchant " + id,
                ifNoneMatch);
    }

    private Response render(Optional<View> view, String tag, String what, String ifNoneMatch) {
        View found = view.orElseThrow(() -> new NotFoundException(what + " has no view (yet)."));
        String etag = found.etag();
        Response.ResponseBuilder answer = etag.equals(ifNoneMatch) ? Response.notModified()
                : Response.ok(found.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.header("ETag", etag).header("Cache-Control", cacheControl).header("Cache-Tag", tag).build();
    }
}
