package io.scalingsuite.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Made-up request and trace ids: well-formed and distinct, from a per-thread generator. */
class RequestIdsTest {

    @Test
    void shouldMakeDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.randomUuid();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString());
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void shouldStartATraceWhenTheIncomingOneIsMalformed() {
        String made = RequestIds.traceparent("garbage");
        assertTrue(made.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), made);
        assertTrue(!made.equals(RequestIds.traceparent("garbage")), "each trace gets its own id");
    }
}
