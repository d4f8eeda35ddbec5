package io.scalingsuite.aggregation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.ReviewState;

/** A stream entry is read once into the contract's types; what cannot be read is refused with the reason. */
class EventParserTest {

    private static final UUID PRODUCT = UUID.randomUUID();

    private final EventParser parser = new EventParser(new ObjectMapper().findAndRegisterModules());

    private static Map<String, String> reviewAdded(String type) {
        Map<String, String> fields = new HashMap<>(Map.of("eventId", UUID.randomUUID().toString(), "type", type,
                "aggregateType", "Review", "aggregateId", UUID.randomUUID().toString(), "version", "0",
                "occurredAt", "2026-01-01T00:00:00.123456Z"));
        fields.put("payload", "{\"id\":\"" + UUID.randomUUID() + "\",\"productId\":\"" + PRODUCT
                + "\",\"rating\":4,\"title\":\"t\",\"body\":null,\"createdAt\":\"2026-01-01T00:00:00Z\"}");
        return fields;
    }

    @Test
    void shouldReadTheTypeAndItsPayloadRecord() {
        CatalogEvent<?> event = parser.parse(reviewAdded("ReviewAdded"));

        assertEquals(CatalogEventType.REVIEW_ADDED, event.type());
        assertEquals(PRODUCT, event.as(ReviewState.class).payload().productId());
        assertEquals(4, event.as(ReviewState.class).payload().rating());
    }

    @Test
    void shouldRefuseATypeTheContractDoesNotKnow() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parser.parse(reviewAdded("ReviewEdited")));

        assertEquals("unknown event type ReviewEdited", refused.getMessage());
    }

    @Test
    void shouldRefuseAnEntryWithoutPayload() {
        Map<String, String> fields = reviewAdded("ReviewAdded");
        fields.remove("payload");

        assertEquals("missing field payload",
                assertThrows(IllegalArgumentException.class, () -> parser.parse(fields)).getMessage());
    }
}
