package io.scalingsuite.demodata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipelining RESP client on one socket, just enough for {@link CacheReset}: batches of commands, replies parsed
 * into strings, longs, lists or {@link Error}. The seeder stays free of a Redis client library.
 */
final class RedisPipe implements AutoCloseable {

    /** An error reply ({@code -ERR ...}, {@code -MOVED ...}). */
    record Error(String message) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** {@code HOST:PORT} or {@code HOST:PORT/DB}: a logical database other than 0 is selected first. */
    RedisPipe(String address, int timeoutMillis) throws IOException {
        int slash = address.indexOf('/');
        String hostPort = slash < 0 ? address : address.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 6379 : Integer.parseInt(hostPort.substring(colon + 1));
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        if (slash >= 0 && !address.substring(slash + 1).equals("0")) {
            Object selected = one("SELECT", address.substring(slash + 1));
            if (!"OK".equals(selected)) {
                socket.close();
                throw new IOException("SELECT " + address.substring(slash + 1) + " answered " + selected);
            }
        }
    }

    /** Sends every command, then reads as many replies, in order. */
    List<Object> send(List<String[]> commands) throws IOException {
        StringBuilder buffer = new StringBuilder();
        for (String[] command : commands) {
            buffer.append('*').append(command.length).append("\r\n");
            for (String arg : command) {
                buffer.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
        }
        out.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<Object> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(read());
        }
        return replies;
    }

    Object one(String... command) throws IOException {
        return send(List.<String[]>of(command)).get(0);
    }

    private Object read() throws IOException {
        String line = line();
        char type = line.charAt(0);
        String rest = line.substring(1);
        return switch (type) {
            case '+' -> rest;
            case '-' -> new Error(rest);
            case ':' -> Long.parseLong(rest);
            case '$' -> bulk(Integer.parseInt(rest));
            case '*' -> {
                int n = Integer.parseInt(rest);
                List<Object> items = new ArrayList<>(Math.max(n, 0));
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                yield n < 0 ? null : items;
            }
            default -> throw new IOException("unexpected Redis reply: " + line);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
            throw new IOException("Redis closed the connection");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
