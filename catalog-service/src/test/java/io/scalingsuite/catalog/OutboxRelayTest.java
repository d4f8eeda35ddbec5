package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.catalog.events.OutboxPublisher;
import io.vertx.mutiny.redis.client.Response;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @Inject
    OutboxPublisher publisher;

    /** Every event on the stream, as field maps, in stream order. */
    private List<Map<String, String>> events() {
        List<Map<String, String>> events = new ArrayList<>();
        for (Response entry : redis.execute("XRANGE", publisher.stream(), "-", "+")) {
            Response fields = entry.get(1);
            Map<String, String> event = new HashMap<>();
            if (fields.isMap()) {
                // A RESP3 server older than Redis 7 (the embedded 6.2) sends an entry's fields as a map.
                fields.getKeys().forEach(name -> event.put(name, fields.get(name).toString()));
            }
            for (int i = 0; !fields.isMap() && i < fields.size(); i += 2) {
                event.put(fields.get(i).toString(), fields.get(i + 1).toString());
            }
            events.add(event);
        }
        return events;
    }

    private List<Map<String, String>> eventsOf(String aggregateId) {
        return events().stream().filter(e -> aggregateId.equals(e.get("aggregateId"))).toList();
    }

    private long unpublishedRows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog.outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldPublishEachWriteWithItsVersionInOrder() {
        String id = Fixtures.createProduct(Fixtures.category(), "acme");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"stock\": 1}")
                .patch("/api/catalog/products/" + id).then().statusCode(200);
        given().delete("/api/catalog/products/" + id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(id).size() == 3);
        List<Map<String, String>> events = eventsOf(id);
        assertEquals(List.of("ProductCreated", "ProductUpdated", "ProductDeleted"),
                events.stream().map(e -> e.get("type")).toList());
        assertEquals(List.of("0", "1", "2"), events.stream().map(e -> e.get("version")).toList());
        org.hamcrest.MatcherAssert.assertThat(events.get(1).get("payload"),
                org.hamcrest.Matchers.containsString("\"stock\": 1"));
    }

    @Test
    void shouldPublishNothingForRolledBackWrite() {
        String categoryId = Fixtures.category();
        Map<String, Object> body = Fixtures.product(categoryId, "acme");
        String id = Fixtures.create(body).path("id");
        given().contentType("application/json").body(body).post("/api/catalog/products").then().statusCode(409);

        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(id).size() == 1);
        assertEquals(1, events().stream().filter(e -> e.get("payload").contains((String) body.get("sku"))).count());
    }

    @Test
    void shouldPublishEveryRowOnceWithRelaysRacing() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO catalog.outbox (event_id, event_type, aggregate_type, aggregate_id, "
                    + "aggregate_version, occurred_at, payload) SELECT gen_random_uuid(), 'RaceTest', 'Test', "
                    + "gen_random_uuid(), g, now(), '{}' FROM generate_series(1, 600) g");
        }
        ExecutorService relays = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(relays.submit(() -> {
                    while (publisher.drainOnce() > 0) {
                        // keep claiming until the outbox is empty
                    }
                }));
            }
            for (Future<?> relay : running) {
                relay.get();
            }
        } finally {
            relays.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> unpublishedRows() == 0);
        List<String> raced = events().stream().filter(e -> "RaceTest".equals(e.get("type")))
                .map(e -> e.get("eventId")).toList();
        assertEquals(600, raced.size(), "every row published");
        assertEquals(600, raced.stream().distinct().count(), "no row published twice");
    }
}
