package io.scalingsuite.gateway.cache;

import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stored response: status, headers, body, when it was stored and for how long it is fresh and then usable as
 * a stale stand-in. In Redis it is one binary value: a 4-byte length, the metadata as JSON, then the body.
 */
public record CachedResponse(int status, MultiMap headers, Buffer body, long storedAtMillis, long freshSeconds,
        long staleIfErrorSeconds, List<String> tags) {

    public long ageSeconds(long nowMillis) {
        return Math.max(0, (nowMillis - storedAtMillis) / 1000);
    }

    public boolean isFresh(long nowMillis) {
        return nowMillis - storedAtMillis < freshSeconds * 1000;
    }

    public boolean isUsableStale(long nowMillis) {
        return nowMillis - storedAtMillis < (freshSeconds + staleIfErrorSeconds) * 1000;
    }

    /** How long Redis keeps it: fresh lifetime plus the stale-if-error window. */
    public long ttlMillis() {
        return (freshSeconds + staleIfErrorSeconds) * 1000;
    }

    public Buffer encode() {
        JsonArray headerPairs = new JsonArray();
        headers.forEach(h -> headerPairs.add(new JsonArray().add(h.getKey()).add(h.getValue())));
        Buffer meta = new JsonObject().put("s", status).put("h", headerPairs).put("t", storedAtMillis)
                .put("f", freshSeconds).put("x", staleIfErrorSeconds).put("g", new JsonArray(List.copyOf(tags)))
                .toBuffer();
        return Buffer.buffer(4 + meta.length() + body.length()).appendInt(meta.length()).appendBuffer(meta)
                .appendBuffer(body);
    }

    public static CachedResponse decode(Buffer stored) {
        int metaLength = stored.getInt(0);
        JsonObject meta = new JsonObject(stored.getBuffer(4, 4 + metaLength));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        meta.getJsonArray("h").forEach(pair -> {
            JsonArray header = (JsonArray) pair;
            headers.add(header.getString(0), header.getString(1));
        });
        List<String> tags = meta.getJsonArray("g").stream().map(String::valueOf).toList();
        return new CachedResponse(meta.getInteger("s"), headers, stored.getBuffer(4 + metaLength, stored.length()),
                meta.getLong("t"), meta.getLong("f"), meta.getLong("x"), tags);
    }
}
