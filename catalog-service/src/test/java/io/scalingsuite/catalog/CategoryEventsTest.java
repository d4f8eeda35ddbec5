package io.scalingsuite.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.catalog.events.OutboxPublisher;
import io.vertx.mutiny.redis.client.Response;

/** Every category write is on the stream, from its outbox row: type, version, and the parent before a move. */
@QuarkusTest
class CategoryEventsTest {

    @Inject
    RedisDataSource redis;

    @Inject
    OutboxPublisher publisher;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldPublishRenameMoveAndDeleteWithTheirVersions() throws Exception {
        String from = Categories.create("From", null);
        String to = Categories.create("To", null);
        String id = Categories.create("Travelling", from);
        Categories.patch(id, "\"0\"", "{\"name\": \"Travelled\"}").then().statusCode(200);
        Categories.patch(id, "\"1\"", "{\"parentId\": \"" + to + "\"}").then().statusCode(200);
        Categories.delete(id, "\"2\"").then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(id).size() == 4);
        List<Map<String, String>> events = eventsOf(id);
        assertEquals(List.of("CategoryCreated", "CategoryUpdated", "CategoryUpdated", "CategoryDeleted"),
                events.stream().map(e -> e.get("type")).toList());
        assertEquals(List.of("0", "1", "2", "3"), events.stream().map(e -> e.get("version")).toList());

        JsonNode rename = mapper.readTree(events.get(1).get("payload"));
        assertEquals("Travelled", rename.get("name").asText());
        assertEquals(from, rename.get("parentId").asText());
        assertEquals(from, rename.get("previousParentId").asText());
        JsonNode move = mapper.readTree(events.get(2).get("payload"));
        assertEquals(to, move.get("parentId").asText());
        assertEquals(from, move.get("previousParentId").asText());
        assertEquals(2, move.get("version").asLong());
        JsonNode deleted = mapper.readTree(events.get(3).get("payload"));
        assertEquals(to, deleted.get("parentId").asText());
        assertEquals(2, deleted.get("version").asLong(), "the last state");
    }

    @Test
    void shouldPublishNothingForAPatchThatChangesNothing() {
        String id = Categories.create("Still", null);
        Categories.patch(id, "\"0\"", "{\"name\": \"Still\"}").then().statusCode(200);
        String marker = Categories.create("Marker", null); // published after anything the patch wrote

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(marker).size() == 1);
        assertEquals(List.of("CategoryCreated"), eventsOf(id).stream().map(e -> e.get("type")).toList());
    }

    private List<Map<String, String>> eventsOf(String aggregateId) {
        List<Map<String, String>> events = new ArrayList<>();
        for (Response entry : redis.execute("XRANGE", publisher.stream(), "-", "+")) {
            Response fields = entry.get(1);
            Map<String, String> event = new HashMap<>();
            if (fields.isMap()) { // RESP3 from Redis older than 7
                fields.getKeys().forEach(name -> event.put(name, fields.get(name).toString()));
            }
            for (int i = 0; !fields.isMap() && i < fields.size(); i += 2) {
                event.put(fields.get(i).toString(), fields.get(i + 1).toString());
            }
            if (aggregateId.equals(event.get("aggregateId"))) {
                events.add(event);
            }
        }
        return events;
    }
}
