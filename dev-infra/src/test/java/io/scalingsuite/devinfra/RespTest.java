package io.scalingsuite.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class RespTest {

    @Test
    void shouldFlattenANestedReplyInOrder() throws IOException {
        try (RedisNode node = RedisNode.start()) {
            Resp.command(LocalInfra.HOST, node.port(), 1000, "XADD", "s", "1-1", "name", "é a b");
            Resp.command(LocalInfra.HOST, node.port(), 1000, "XADD", "s", "2-1", "empty", "");
            assertEquals(List.of("1-1", "name", "é a b", "2-1", "empty", ""),
                    Resp.scalars(LocalInfra.HOST, node.port(), 1000, "XRANGE", "s", "-", "+"));
        }
    }

    @Test
    void shouldReadTheLatencyMonitorsEvents() throws IOException {
        try (RedisNode node = RedisNode.start("latency-monitor-threshold 50")) {
            // a script that keeps Redis busy for 80 ms: a stall the monitor records as "command"
            Resp.command(LocalInfra.HOST, node.port(), 2000, "EVAL", "local t = redis.call('TIME') "
                    + "local start = t[1] * 1000000 + t[2] local now = start "
                    + "while now - start < 80000 do t = redis.call('TIME') now = t[1] * 1000000 + t[2] end "
                    + "return 1", "0");
            List<String> events = Resp.scalars(LocalInfra.HOST, node.port(), 1000, "LATENCY", "LATEST");
            assertEquals("command", events.get(0));
            assertTrue(Long.parseLong(events.get(3)) >= 80, "max latency " + events.get(3));
        }
    }
}
