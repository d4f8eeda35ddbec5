package io.scalingsuite.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** The binary form a cache entry has in Redis reads back as the entry that was stored. */
class CachedResponseTest {

    @Test
    void shouldReadBackWhatWasStored() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
                .add("Vary", "X-A").add("Vary", "X-B").add("X-Note", "crème brûlée");
        CachedResponse stored = new CachedResponse(203, headers, Buffer.buffer(new byte[] { 0, 1, -1, 'x' }),
                1_795_000_000_123L, 60, 300, List.of("product:1", "merchant:ä"));

        CachedResponse read = CachedResponse.decode(stored.encode());

        assertEquals(203, read.status());
        assertEquals(List.of("X-A", "X-B"), read.headers().getAll("vary"));
        assertEquals("crème brûlée", read.headers().get("X-Note"));
        assertEquals(3, read.headers().size());
        assertEquals(stored.body(), read.body());
        assertEquals(List.of(1_795_000_000_123L, 60L, 300L),
                List.of(read.storedAtMillis(), read.freshSeconds(), read.staleIfErrorSeconds()));
        assertEquals(stored.tags(), read.tags());
    }

    @Test
    void shouldReadBackAnEntryWithoutHeadersTagsOrBody() {
        CachedResponse stored = new CachedResponse(200, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), 1, 1, 0,
                List.of());

        CachedResponse read = CachedResponse.decode(stored.encode());

        assertEquals(0, read.headers().size());
        assertEquals(0, read.body().length());
        assertEquals(List.of(), read.tags());
    }

    @Test
    void shouldReadAValueInAnotherFormatAsNoEntry() {
        Buffer jsonFormat =
                Buffer.buffer().appendInt(40).appendString("{\"s\":200,\"h\":[],\"t\":1,\"f\":60,\"x\":0,\"g\":[]}");
        Buffer cutShort = new CachedResponse(200, MultiMap.caseInsensitiveMultiMap().add("ETag", "\"1\""),
                Buffer.buffer("{}"), 1, 60, 0, List.of("product:1")).encode().getBuffer(0, 40);

        assertNull(CachedResponse.decode(jsonFormat));
        assertNull(CachedResponse.decode(cutShort));
    }
}
