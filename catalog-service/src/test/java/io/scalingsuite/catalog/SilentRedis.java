package io.scalingsuite.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A "Redis" that accepts connections and never answers: the worst case for a cache, worse than one that is
 * down (a refused connection fails fast; a silent one must be timed out).
 */
public class SilentRedis implements QuarkusTestProfile {

    private static ServerSocket server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port(), "catalog.cache.timeout", "PT0.05S");
    }

    static synchronized int port() {
        if (server == null) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread acceptor = new Thread(SilentRedis::acceptForever, "silent-redis");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return server.getLocalPort();
    }

    private static void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread drain = new Thread(() -> swallow(client), "silent-redis-conn");
                drain.setDaemon(true);
                drain.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void swallow(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // read everything, answer nothing
            }
        } catch (IOException ignored) {
            // the client gave up, as it should
        }
    }
}
