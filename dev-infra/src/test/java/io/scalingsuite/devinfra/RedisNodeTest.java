package io.scalingsuite.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class RedisNodeTest {

    @Test
    void shouldForgetEverythingWhenKilledWithoutPersistence() throws IOException {
        try (RedisNode node = RedisNode.start()) {
            Resp.command(LocalInfra.HOST, node.port(), 1000, "SET", "k", "v");
            node.kill();
            node.launch();
            assertEquals("$-1", Resp.command(LocalInfra.HOST, node.port(), 1000, "GET", "k"));
        }
    }

    @Test
    void shouldKeepWhatItAppendedWhenKilledWithAppendOnlyAlways() throws IOException {
        try (RedisNode node = RedisNode.start("appendonly yes", "appendfsync always")) {
            Resp.command(LocalInfra.HOST, node.port(), 1000, "SET", "k", "v");
            node.kill();
            node.launch();
            assertEquals("$1", Resp.command(LocalInfra.HOST, node.port(), 1000, "GET", "k"));
        }
    }

    @Test
    void shouldHangWhilePausedAndAnswerWhenResumed() throws IOException {
        try (RedisNode node = RedisNode.start("requirepass s3cret")) {
            node.pause();
            assertThrows(SocketTimeoutException.class,
                    () -> Resp.command(LocalInfra.HOST, node.port(), 300, "AUTH", "s3cret"));
            node.resume();
            assertEquals("+OK", Resp.command(LocalInfra.HOST, node.port(), 1000, "AUTH", "s3cret"));
        }
    }
}
