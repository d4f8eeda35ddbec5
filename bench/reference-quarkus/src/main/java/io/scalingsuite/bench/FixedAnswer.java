package io.scalingsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The ceiling for any Quarkus answer on this machine: {@code GET /product} returns the same bytes as a product
 * (read once from {@code bench.body-file}, which the benchmark fills with a real product's JSON) from a plain
 * Vert.x route on the event loop. No database, no Redis, no serialization.
 */
@ApplicationScoped
public class FixedAnswer {

    private final Buffer body;

    public FixedAnswer(@ConfigProperty(name = "bench.body-file") String bodyFile) throws IOException {
        this.body = Buffer.buffer(Files.readAllBytes(Path.of(bodyFile)));
    }

    void install(@Observes Router router) {
        router.get("/product").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(body.copy()));
    }
}
