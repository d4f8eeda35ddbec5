package io.scalingsuite.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Response;

/**
 * With bounds far below what is written, the consumer's storage stays bounded (applied-event ids, parked reviews,
 * the dead-letter stream, the group's consumers) while every event is applied, and a backlog left by a dead
 * consumer is claimed in one round however small the page. Two consumers in this replica.
 */
@QuarkusTest
@TestProfile(BoundedStorageTest.SmallBounds.class)
class BoundedStorageTest {

    private static final int DEAD_LETTER_MAX = 20;
    /** XADD MAXLEN ~ trims whole stream nodes (stream-node-max-entries, 100 by default). */
    private static final int NODE = 100;

    @Inject
    ViewsFixture views;

    @Test
    void shouldKeepAppliedIdsParkedReviewsAndDeadLettersBoundedWhileLosingNothing() throws Exception {
        CatalogStream stream = views.stream();
        UUID category = UUID.randomUUID();
        List<UUID> events = new ArrayList<>();
        long deadMax = 0;
        for (int i = 0; i < 600; i++) {
            UUID product = UUID.randomUUID();
            events.add(stream.publish("ProductCreated", product, 0,
                    CatalogStream.product(product, category, "acme", 100, 1)));
            if (i % 2 == 0) {
                stream.raw("eventId", "not-a-uuid", "type", "ProductCreated");
                events.add(stream.publish("ReviewAdded", UUID.randomUUID(), 0, // its product never comes
                        CatalogStream.review(UUID.randomUUID(), UUID.randomUUID(), 3, "2026-01-01T00:00:00Z")));
            }
            deadMax = Math.max(deadMax, views.deadLetters());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> views.count("SELECT count(*) FROM aggregation.product_card "
                + "WHERE category_id = ?", category) == 600);
        await().atMost(Duration.ofSeconds(30)).until(() -> views.count("SELECT count(*) FROM aggregation.applied_event "
                + "WHERE event_id = ANY (?)", events.toArray(UUID[]::new)) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> views.count("SELECT count(*) FROM aggregation.parked_event",
                null) == 0);
        assertTrue(views.deadLetters() <= DEAD_LETTER_MAX + NODE, "dead letters trimmed");
        assertTrue(deadMax <= DEAD_LETTER_MAX + NODE, "dead letters never above the bound: " + deadMax);
        assertEquals(600, views.count("SELECT product_count FROM aggregation.category_stat WHERE category_id = ?",
                category), "nothing lost");
    }

    @Test
    void shouldClaimABacklogLeftByADeadConsumerInOneRoundAndThenRemoveThatConsumer() throws Exception {
        CatalogStream stream = views.stream();
        UUID category = UUID.randomUUID();
        for (int i = 0; i < 100; i++) { // delivered to a replica that died: 20 pages of 5
            UUID product = UUID.randomUUID();
            stream.publishToDeadConsumer("ProductCreated", product,
                    CatalogStream.product(product, category, "acme", 100, 1));
        }
        views.redis().execute("XREADGROUP", "GROUP", "aggregation", "idle-replica", "COUNT", "1", "STREAMS",
                views.key(),
                ">");

        // Claims run every 2 s once entries are 4 s idle: one page per round would take 40 s.
        await().atMost(Duration.ofSeconds(15)).until(() -> views.count("SELECT count(*) FROM aggregation.product_card "
                + "WHERE category_id = ?", category) == 100);
        await().atMost(Duration.ofSeconds(15)).until(() -> !consumers().contains("dead-replica")
                && !consumers().contains("idle-replica"));
    }

    @Test
    void shouldRunTwoConsumersPerReplicaThatBothApplyEventsEachProductsInOrder() throws Exception {
        CatalogStream stream = views.stream();
        UUID category = UUID.randomUUID();
        for (int i = 0; i < 100; i++) { // create then update, back to back: often read by different consumers
            UUID product = UUID.randomUUID();
            stream.publish("ProductCreated", product, 0, CatalogStream.product(product, category, "acme", 100, 1));
            stream.publish("ProductUpdated", product, 1, CatalogStream.product(product, category, "acme", 200, 2));
        }

        // A consumer is in the group from the first entry it is handed until housekeeping removes it 3 s after
        // its last one (Redis 7.0 counts idle time from the last entry handed, not from the last read).
        Set<String> seen = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen.addAll(consumers());
            return views.count("SELECT count(*) FROM aggregation.product_card WHERE category_id = ? "
                    + "AND price_cents = 200 AND stock = 2", category) == 100;
        });
        String replica = System.getenv().getOrDefault("HOSTNAME", "local");
        assertTrue(seen.containsAll(List.of(replica + "-1", replica + "-2")), "consumers that were handed entries: "
                + seen);
        assertEquals(100, views.count("SELECT product_count FROM aggregation.category_stat WHERE category_id = ?",
                category), "each product counted once");
    }

    private List<String> consumers() {
        List<String> names = new ArrayList<>();
        for (Response consumer : views.redis().execute("XINFO", "CONSUMERS", views.key(), "aggregation")) {
            names.add(consumer.isMap() ? consumer.get("name").toString() : consumer.get(1).toString());
        }
        return names;
    }

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aggregation.stream.batch-size", "5", "aggregation.stream.claim-idle", "PT4S",
                    "aggregation.stream.dead-letter-max-length", Integer.toString(DEAD_LETTER_MAX),
                    "aggregation.stream.applied-retention", "PT3S", "aggregation.stream.parked-retention", "PT3S",
                    "aggregation.stream.consumer-idle-limit", "PT3S",
                    "aggregation.stream.housekeeping-interval", "PT1S", "aggregation.stream.consumers", "2");
        }
    }
}
