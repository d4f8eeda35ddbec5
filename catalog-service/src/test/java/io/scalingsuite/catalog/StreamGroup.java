package io.scalingsuite.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/** A consumer group on the catalog stream, read and acknowledged by hand, as aggregation would. */
record StreamGroup(RedisDataSource redis, String stream, String name) {

    static StreamGroup create(RedisDataSource redis, String stream, String name) {
        redis.execute("XGROUP", "CREATE", stream, name, "0", "MKSTREAM");
        return new StreamGroup(redis, stream, name);
    }

    /** Delivers every new entry to this group: entry id to event id, in stream order. */
    Map<String, String> read() {
        Map<String, String> read = new LinkedHashMap<>();
        Response reply = redis.execute("XREADGROUP", "GROUP", name, "test", "COUNT", "1000", "STREAMS", stream, ">");
        if (reply == null) {
            return read;
        }
        Response entries = reply.isMap() ? reply.get(stream) : reply.get(0).get(1);
        for (Response entry : entries) {
            read.put(entry.get(0).toString(), eventId(entry.get(1)));
        }
        return read;
    }

    void ack(Iterable<String> entryIds) {
        for (String id : entryIds) {
            redis.execute("XACK", stream, name, id);
        }
    }

    /** Every event id on the stream now. */
    static java.util.Set<String> eventIds(RedisDataSource redis, String stream) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Response entry : redis.execute("XRANGE", stream, "-", "+")) {
            ids.add(eventId(entry.get(1)));
        }
        return ids;
    }

    static String eventId(Response fields) {
        if (fields.isMap()) {
            return fields.get("eventId").toString();
        }
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("eventId".equals(fields.get(i).toString())) {
                return fields.get(i + 1).toString();
            }
        }
        throw new IllegalStateException("entry without eventId");
    }
}
