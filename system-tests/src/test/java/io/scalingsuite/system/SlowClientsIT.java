package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slowloris and connection floods against a gateway, bounded and on loopback only: hundreds of connections that
 * trickle a request header byte by byte, or open and say nothing, must not stop it answering other clients
 * promptly, and connections that stay silent are closed after the idle timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsIT {

    private static final int SLOW_CONNECTIONS = 400;
    private ProcessSuite suite;
    private Map<String, String> values;

    @BeforeAll
    void startSuite() throws Exception {
        suite = ProcessSuite.shared();
        values = GatewayFixtures.create(suite.gateway());
    }

    @Test
    void shouldKeepServingOthersWhileSlowClientsTrickleHeaders() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", suite.gateway().port());
                socket.getOutputStream().write("GET /api/catalog/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: "
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long worst = 0;
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) {
                    trickle(socket);
                }
                long start = System.nanoTime();
                assertEquals(200, get("/api/catalog/products/" + values.get("P")).status());
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(1000); // the slow clients' pace: one byte per connection per second
            }
            assertTrue(worst < 2000, "others were served within 2 s while " + SLOW_CONNECTIONS
                    + " clients trickled headers (worst " + worst + " ms)");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void shouldKeepServingOthersDuringAConnectionFlood() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                flood.add(new Socket("127.0.0.1", suite.gateway().port()));
            }
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get("/api/catalog/products/" + values.get("P")).status());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, "20 reads during a flood of 2,000 open connections took " + millis + " ms");
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    @Test
    void shouldCloseAConnectionThatStaysSilent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", suite.gateway().port())) {
            socket.setSoTimeout((ProcessSuite.IDLE_TIMEOUT_SECONDS + 10) * 1000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a silent connection was still open after "
                        + (ProcessSuite.IDLE_TIMEOUT_SECONDS + 10) + " s");
            } catch (IOException reset) {
                read = -1;
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertEquals(-1, read, "the gateway closed the connection without a word");
            assertTrue(seconds >= ProcessSuite.IDLE_TIMEOUT_SECONDS - 1, "not before the idle timeout: " + seconds);
        }
    }

    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('a');
            out.flush();
        } catch (IOException closed) {
            // the gateway may close a slow client: that is allowed
        }
    }

    private Wire.Answer get(String path) {
        return Wire.send(suite.gateway().port(), ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
