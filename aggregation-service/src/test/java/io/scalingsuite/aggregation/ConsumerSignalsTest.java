package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.aggregation.config.AggregationConfig;

/** What the consumer tells the rest of the suite: cache purges, and its backlog and freshness as metrics. */
@QuarkusTest
class ConsumerSignalsTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AggregationConfig config;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @Test
    void shouldPurgeViewOnceItChanged() {
        List<String> purges = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(config.http().purgeChannel(),
                purges::add);
        try {
            UUID product = UUID.randomUUID();
            new CatalogStream(redis, key).publish("ProductCreated", product, 0,
                    CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));

            await().atMost(Duration.ofSeconds(10)).until(() -> purges.contains(
                    "view:product:" + product + ",view:products,view:categories,view:merchant:acme"));
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void shouldPurgeCachedListingsOnAProductEventAndServeTheFreshOne() {
        UUID category = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        CatalogStream stream = new CatalogStream(redis, key);
        stream.publish("ProductCreated", product, 0, CatalogStream.product(product, category, "acme", 100, 1));
        String listing = "/api/views/products?categoryId=" + category;
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(listing).<List<?>>path("items").size() == 1);
        given().get(listing).then().header("Cache-Tag", "view:products").body("items[0].priceCents", equalTo(100));
        List<String> purges = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(config.http().purgeChannel(),
                purges::add);
        try {
            // another merchant: this update's purge cannot be mistaken for the create's
            stream.publish("ProductUpdated", product, 1, CatalogStream.product(product, category, "acme-2", 250, 1));

            await().atMost(Duration.ofSeconds(10)).until(() -> purges.contains("view:product:" + product
                    + ",view:products,view:categories,view:merchant:acme-2"));
            given().get(listing).then().statusCode(200).body("items[0].priceCents", equalTo(250));
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void shouldExposeBacklogAndLagMetrics() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        UUID product = UUID.randomUUID();
        new CatalogStream(redis, key).publish("ProductCreated", product, 0,
                CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/views/products/" + product)
                .statusCode() == 200);

        given().get("http://localhost:" + port + "/q/metrics").then()
                .statusCode(200)
                .body(containsString("aggregation_stream_pending "))
                .body(containsString("aggregation_stream_undelivered "))
                .body(containsString("aggregation_events_lag_seconds_bucket"))
                .body(containsString("aggregation_events_applied_total{outcome=\"applied\",type=\"ProductCreated\"}"));
    }
}
