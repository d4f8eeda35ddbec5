package io.scalingsuite.aggregation.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.EventPayload;
import io.scalingsuite.contracts.events.StreamFields;

/** Reads one catalog stream entry into the contract's types (docs/events.md), once, before anything applies it. */
@ApplicationScoped
public class EventParser {

    private final ObjectMapper mapper;

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A malformed entry, or one of a type this contract does not know, throws {@link IllegalArgumentException}. */
    public CatalogEvent<?> parse(Map<String, String> fields) {
        try {
            String wireName = required(fields, StreamFields.TYPE);
            CatalogEventType type = CatalogEventType.ofWireName(wireName)
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + wireName));
            JsonNode payload = mapper.readTree(required(fields, StreamFields.PAYLOAD));
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            EventPayload state = mapper.treeToValue(payload, type.payloadType());
            return new CatalogEvent<>(UUID.fromString(required(fields, StreamFields.EVENT_ID)), type,
                    UUID.fromString(required(fields, StreamFields.AGGREGATE_ID)),
                    Long.parseLong(required(fields, StreamFields.VERSION)),
                    Instant.parse(required(fields, StreamFields.OCCURRED_AT)), state);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable field: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return value;
    }
}
