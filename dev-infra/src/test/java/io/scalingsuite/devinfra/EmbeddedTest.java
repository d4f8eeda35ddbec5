package io.scalingsuite.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EmbeddedTest {

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        // about 28,000 ephemeral ports: 2,000 draws of the kernel's alone repeat dozens of them
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ports.add(Embedded.freePort());
        }
        assertEquals(2_000, ports.size(), "distinct ports");
    }
}
