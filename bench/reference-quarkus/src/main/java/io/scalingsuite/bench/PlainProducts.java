package io.scalingsuite.bench;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Parameters;

/**
 * R1, R2 and R4 (issue 21): the product reads and the create a team would write without the suite, on catalog's
 * schema. Blocking signatures, so Quarkus REST runs them on a worker thread; Jackson reads and renders the entities.
 */
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class PlainProducts {

    /** One keyset page: the rows, and where the next page starts ({@code createdAt,id} of the last row). */
    public record Page(List<Product> items, String next) {
    }

    /** R1: Panache findById. */
    @GET
    @Path("{id}")
    public Product byId(@PathParam("id") UUID id) {
        Product product = Product.findById(id);
        if (product == null) {
            throw new NotFoundException();
        }
        return product;
    }

    /** R2: one persist of the columns catalog's create writes, in one transaction; the row as the answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(Product product) {
        product.id = UUID.randomUUID();
        product.createdAt = Instant.now();
        product.updatedAt = product.createdAt;
        product.version = 0;
        product.persist();
        return Response.status(Response.Status.CREATED).entity(product).build();
    }

    /**
     * R4: a keyset page of 20 of one category, newest last, over catalog's (category_id, created_at, id) index;
     * {@code after=<createdAt>,<id>} continues after that row.
     */
    @GET
    public Page page(@QueryParam("categoryId") UUID categoryId, @QueryParam("after") String after) {
        List<Product> rows;
        if (after == null) {
            rows = Product.find("categoryId = :c order by createdAt, id", Parameters.with("c", categoryId))
                    .page(0, 20).list();
        } else {
            String[] position = after.split(",", 2);
            rows = Product.find("categoryId = :c and (createdAt, id) > (:t, :i) order by createdAt, id",
                    Parameters.with("c", categoryId).and("t", Instant.parse(position[0]))
                            .and("i", UUID.fromString(position[1])))
                    .page(0, 20).list();
        }
        Product last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return new Page(rows, rows.size() < 20 ? null : last.createdAt + "," + last.id);
    }
}
