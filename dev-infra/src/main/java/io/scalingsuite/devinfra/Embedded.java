package io.scalingsuite.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import redis.embedded.RedisServer;

/** Starts the embedded PostgreSQL and Redis used where the machine has none. */
public final class Embedded {

    /** Every port {@link #freePort} returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Embedded() {
    }

    /** Starts an embedded PostgreSQL on the port, or on a free one when port is 0. Caller closes it. */
    public static EmbeddedPostgres postgres(int port) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setPort(port == 0 ? freePort() : port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The caller's single shutdown hook closes it, after dropping databases, not concurrently.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Throw-away data: durability only costs test time.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("synchronous_commit", "off");
        return builder.start();
    }

    /** Starts an embedded Redis on 127.0.0.1 at the port, or on a free one when port is 0. Caller stops it. */
    public static RedisServer redis(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .port(port == 0 ? freePort() : port)
                .bind("127.0.0.1")
                // A cache for tests and demos: nothing to persist.
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return server;
    }

    public static int port(RedisServer server) {
        return server.ports().get(0);
    }

    /**
     * A local port free now and never handed out before by this JVM. The kernel may give the same port to two
     * binds in a row once the first socket is closed, and a caller holds only the number until its server binds
     * it: two processes started together were once given one port (one failed to bind, the other answered for
     * both).
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free local port", e);
            }
        }
    }
}
