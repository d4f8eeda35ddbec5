package io.scalingsuite.aggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.contracts.events.StreamFields;

/** Writes events to the stream exactly as catalog-service's relay does (docs/events.md, contract v1). */
final class CatalogStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisDataSource redis;
    private final String key;

    CatalogStream(RedisDataSource redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    UUID publish(String type, UUID aggregateId, long version, Map<String, Object> payload) {
        UUID eventId = UUID.randomUUID();
        publish(eventId, type, aggregateId, version, payload);
        return eventId;
    }

    void publish(UUID eventId, String type, UUID aggregateId, long version, Map<String, Object> payload) {
        raw(fields(eventId, type, aggregateId, version, payload).toArray(String[]::new));
    }

    /** As catalog's relay publishes a traced write: the event's fields and the optional traceparent. */
    UUID publishTraced(String type, UUID aggregateId, Map<String, Object> payload, String traceparent) {
        UUID eventId = UUID.randomUUID();
        List<String> fields = fields(eventId, type, aggregateId, 0, payload);
        fields.addAll(List.of(StreamFields.TRACEPARENT, traceparent));
        raw(fields.toArray(String[]::new));
        return eventId;
    }

    private static List<String> fields(UUID eventId, String type, UUID aggregateId, long version,
            Map<String, Object> payload) {
        try {
            return new ArrayList<>(List.of("eventId", eventId.toString(), "type", type, "aggregateType",
                    type.replaceAll("[A-Z][a-z]+$", ""), "aggregateId", aggregateId.toString(), "version",
                    Long.toString(version), "occurredAt", Instant.now().toString(), "payload",
                    JSON.writeValueAsString(payload)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends an event and, atomically, hands it to a consumer that then dies without acknowledging it. */
    void publishToDeadConsumer(String type, UUID aggregateId, Map<String, Object> payload) throws Exception {
        String script = "redis.call('XADD', KEYS[1], '*', unpack(ARGV)) "
                + "return redis.call('XREADGROUP', 'GROUP', 'aggregation', 'dead-replica', 'COUNT', '100', "
                + "'STREAMS', KEYS[1], '>')";
        List<String> args = new ArrayList<>(List.of(script, "1", key, "eventId", UUID.randomUUID().toString(),
                "type", type, "aggregateType", "Product", "aggregateId", aggregateId.toString(), "version", "0",
                "occurredAt", Instant.now().toString(), "payload", JSON.writeValueAsString(payload)));
        redis.execute("EVAL", args.toArray(String[]::new));
    }

    void raw(String... fields) {
        List<String> args = new ArrayList<>(List.of(key, "*"));
        args.addAll(List.of(fields));
        redis.execute("XADD", args.toArray(String[]::new));
    }

    /**
     * The dead-letter entries whose original event named this aggregate, as field maps. By aggregate, not by
     * count: other tests of the application park entries too, and a replay re-parks what still fails.
     */
    List<Map<String, String>> deadLettersOf(String aggregateId) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (var entry : redis.execute("XRANGE", key + ":dead", "-", "+")) {
            Map<String, String> fields = new java.util.HashMap<>();
            var flat = entry.get(1);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
            }
            if (aggregateId.equals(fields.get("field:aggregateId"))) {
                entries.add(fields);
            }
        }
        return entries;
    }

    long length(String stream) {
        return redis.execute("XLEN", stream).toLong();
    }

    static Map<String, Object> category(UUID id, String slug, UUID parentId) {
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("id", id.toString(), "slug", slug, "name",
                slug.toUpperCase(), "version", 0));
        payload.put("parentId", parentId == null ? null : parentId.toString());
        return payload;
    }

    static Map<String, Object> product(UUID id, UUID categoryId, String merchantId, long priceCents, int stock) {
        return product(id, categoryId, merchantId, priceCents, stock, "2026-01-01T00:00:00.000000Z");
    }

    static Map<String, Object> product(UUID id, UUID categoryId, String merchantId, long priceCents, int stock,
            String updatedAt) {
        return Map.of("id", id.toString(), "sku", "SKU-" + id.toString().substring(0, 8), "name", "Lamp",
                "priceCents", priceCents, "currency", "EUR", "categoryId", categoryId.toString(), "merchantId",
                merchantId, "stock", stock, "attributes", Map.of(), "updatedAt", updatedAt);
    }

    static Map<String, Object> review(UUID id, UUID productId, int rating, String createdAt) {
        Map<String, Object> review = new java.util.HashMap<>(Map.of("id", id.toString(), "productId",
                productId.toString(), "rating", rating, "title", "t" + rating, "createdAt", createdAt));
        review.put("body", null);
        return review;
    }
}
