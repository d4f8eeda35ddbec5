package io.scalingsuite.devinfra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command with its whole reply, after an optional AUTH on the same connection: what the Sentinel and
 * Cluster harnesses need to read ({@code CLUSTER NODES}, {@code SENTINEL GET-MASTER-ADDR-BY-NAME}, ...). A reply
 * is a String (simple or bulk), a Long, a List of replies or null; an error reply throws.
 */
public final class RespCall {

    private RespCall() {
    }

    public static Object call(int port, String password, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LocalInfra.HOST, port), 2_000);
            socket.setSoTimeout(5_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null) {
                socket.getOutputStream().write(Resp.encode("AUTH", password));
                read(in);
            }
            socket.getOutputStream().write(Resp.encode(args));
            socket.getOutputStream().flush();
            return read(in);
        }
    }

    /** As {@link #call}, the reply as text (a list joined by newlines). */
    public static String text(int port, String password, String... args) throws IOException {
        Object reply = call(port, password, args);
        if (reply instanceof List<?> list) {
            return String.join("\n", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(reply);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("Redis error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(in, Integer.parseInt(line));
            case '*' -> {
                int size = Integer.parseInt(line);
                if (size < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            case -1 -> throw new IOException("Redis closed the connection");
            default -> throw new IOException("unexpected RESP type " + (char) type + line);
        };
    }

    private static String bulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length + 2); // with its CRLF
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
