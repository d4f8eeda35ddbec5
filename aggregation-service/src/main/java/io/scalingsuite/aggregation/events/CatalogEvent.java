package io.scalingsuite.aggregation.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One entry of the catalog stream, as docs/events.md defines it. */
public record CatalogEvent(UUID eventId, String type, UUID aggregateId, long version, Instant occurredAt,
        JsonNode payload) {

    /** Parses stream fields; a malformed entry throws {@link IllegalArgumentException} naming what is wrong. */
    public static CatalogEvent parse(Map<String, String> fields, ObjectMapper mapper) {
        try {
            JsonNode payload = mapper.readTree(required(fields, "payload"));
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return new CatalogEvent(UUID.fromString(required(fields, "eventId")), required(fields, "type"),
                    UUID.fromString(required(fields, "aggregateId")), Long.parseLong(required(fields, "version")),
                    Instant.parse(required(fields, "occurredAt")), payload);
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

    public UUID uuid(String field) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("payload." + field + " is missing");
        }
        return UUID.fromString(value.asText());
    }
}
