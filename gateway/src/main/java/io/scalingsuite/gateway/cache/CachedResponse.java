package io.scalingsuite.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A stored response: status, headers, body, when it was stored and for how long it is fresh and then usable as
 * a stale stand-in. In Redis it is one binary value ({@link #encode}).
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

    /**
     * Roughly the heap this response holds (64-bit JVM, compressed references, ASCII strings at a byte a character):
     * the body's whole backing array, not its length (a body read in chunks has grown to the next power of two, e.g.
     * 16 KiB for 10,000 bytes, and a slice keeps all of its parent array); per header 128 bytes for its map entry and
     * its two strings, plus their characters; per tag 48 plus its characters; 320 for the record, the buffer objects,
     * the header table and the tag list.
     */
    @SuppressWarnings("deprecation") // getByteBuf: a slice sharing the body's array (Vert.x 5: BufferInternal's)
    public long heapBytes() {
        ByteBuf bytes = body.getByteBuf();
        long held = 320 + (bytes.hasArray() ? bytes.array().length : bytes.capacity());
        for (Map.Entry<String, String> header : headers) {
            held += 128 + header.getKey().length() + header.getValue().length();
        }
        for (String tag : tags) {
            held += 48 + tag.length();
        }
        return held;
    }

    /** The first byte of an encoded entry: a value in any other format is not an entry (it reads as a miss). */
    static final byte FORMAT = 2;

    /**
     * Binary, so a Redis hit decodes without a JSON parser: the format byte, status (int), stored at, fresh and
     * stale-if-error seconds (longs), the headers and the tags (counts, then length-prefixed UTF-8), the body.
     */
    public Buffer encode() {
        Buffer out = Buffer.buffer(64 + body.length()).appendByte(FORMAT).appendInt(status).appendLong(storedAtMillis)
                .appendLong(freshSeconds).appendLong(staleIfErrorSeconds).appendInt(0);
        int[] pairs = { 0 }; // MultiMap.size() counts names, not values
        headers.forEach(header -> {
            appendString(appendString(out, header.getKey()), header.getValue());
            pairs[0]++;
        });
        out.setInt(29, pairs[0]);
        out.appendInt(tags.size());
        tags.forEach(tag -> appendString(out, tag));
        return out.appendBuffer(body);
    }

    /** The entry, or null when the value is not one this version wrote (another format, or cut short). */
    public static CachedResponse decode(Buffer stored) {
        if (stored.length() < 37 || stored.getByte(0) != FORMAT) {
            return null;
        }
        try {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            int[] at = { 33 }; // after format, status, stored at, fresh, stale-if-error and the header count
            for (int i = sizeAt(stored, 29); i > 0; i--) {
                headers.add(readString(stored, at), readString(stored, at));
            }
            int tagCount = sizeAt(stored, at[0]);
            at[0] += 4;
            List<String> tags = new ArrayList<>(tagCount);
            for (int i = 0; i < tagCount; i++) {
                tags.add(readString(stored, at));
            }
            return new CachedResponse(stored.getInt(1), headers, stored.getBuffer(at[0], stored.length()),
                    stored.getLong(5), stored.getLong(13), stored.getLong(21), List.copyOf(tags));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A count or length at {@code offset}, refused when it is more than the bytes left could hold. */
    private static int sizeAt(Buffer in, int offset) {
        int size = in.getInt(offset);
        if (size < 0 || size > in.length() - offset) {
            throw new IllegalArgumentException("not an entry");
        }
        return size;
    }

    private static Buffer appendString(Buffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return out.appendInt(bytes.length).appendBytes(bytes);
    }

    /** The string at {@code at[0]}, which is moved past it. */
    private static String readString(Buffer in, int[] at) {
        int length = sizeAt(in, at[0]);
        String text = in.getString(at[0] + 4, at[0] + 4 + length, "UTF-8");
        at[0] += 4 + length;
        return text;
    }
}
