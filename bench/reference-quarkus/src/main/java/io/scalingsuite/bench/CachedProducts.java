package io.scalingsuite.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * R3 (issue 21): a product from Redis as a team would cache it: one GET of the bytes catalog answers, with the
 * Quarkus Redis client; a {@link Uni} signature, so Quarkus REST answers on the event loop.
 */
@Path("/cached")
public class CachedProducts {

    private final ReactiveValueCommands<String, String> values;
    private final String prefix;

    public CachedProducts(ReactiveRedisDataSource redis, @ConfigProperty(name = "bench.cached-prefix") String prefix) {
        this.values = redis.value(String.class);
        this.prefix = prefix;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> byId(@PathParam("id") String id) {
        return values.get(prefix + id).onItem().ifNull().failWith(NotFoundException::new);
    }
}
