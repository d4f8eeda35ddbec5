package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A stand-in for a ClusterIP Service as kube-proxy implements it: each new TCP connection to the Service's port goes
 * to one of the endpoints (the ready pods' ports, asked at connect time), in turn; a connection stays with its pod
 * until one side closes it (as conntrack keeps it); with no ready endpoint a connection is refused (closed at once).
 * Listens on 127.0.0.1 only.
 */
final class ServiceProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final Supplier<List<Integer>> endpoints;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "service-pipe");
        t.setDaemon(true);
        return t;
    });

    ServiceProxy(String name, int port, Supplier<List<Integer>> endpoints) {
        this.name = name;
        this.endpoints = endpoints;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("Service " + name + " cannot listen on 127.0.0.1:" + port, e);
        }
        Thread acceptor = new Thread(this::accept, "service-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pipes.execute(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        List<Integer> ready = endpoints.get();
        if (ready.isEmpty()) {
            closeQuietly(client);
            return;
        }
        int port = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        AtomicInteger ended = new AtomicInteger();
        pipes.execute(() -> pipe(upstream, client, ended));
        pipe(client, upstream, ended);
    }

    /** Copies one direction until EOF, then half-closes the other side; the second direction to end closes both. */
    private static void pipe(Socket from, Socket to, AtomicInteger ended) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
            if (ended.incrementAndGet() == 2) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        pipes.shutdownNow();
    }

    @Override
    public String toString() {
        return "Service " + name;
    }
}
