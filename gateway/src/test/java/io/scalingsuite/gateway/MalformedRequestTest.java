package io.scalingsuite.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Requests the router refuses before any route runs still get the gateway's problem+json, nothing else. */
@QuarkusTest
class MalformedRequestTest {

    @Test
    void shouldAnswerAnHttp11RequestWithoutHostWithAProblem() {
        RawHttp.Answer answer = RawHttp.send("GET /api/catalog/echo HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertEquals(400, answer.status());
        assertTrue(answer.head().toLowerCase().contains("content-type: application/problem+json"), answer.head());
        assertTrue(answer.body().contains("\"type\":\"/problems/bad-request\""), answer.body());
        assertFalse(answer.body().contains("Exception"), answer.body());
    }
}
