package io.scalingsuite.devinfra;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a raw socket in RESP. dev-infra, demo-data and the system tests need only a few commands
 * (PING, INCR, LATENCY LATEST), so it speaks the protocol itself instead of pulling a Redis client onto every
 * service's test classpath.
 */
public final class Resp {

    private Resp() {
    }

    /** Sends one command and returns the first line of the reply, e.g. {@code +PONG} or {@code :3}. */
    public static String command(String host, int port, int timeoutMillis, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("Redis at " + host + ":" + port + " closed the connection");
            }
            return reply;
        }
    }

    /**
     * Sends one command and returns every scalar of its reply in order, nested arrays flattened: {@code LATENCY
     * LATEST} gives name, time, latest and max of each event.
     */
    public static List<String> scalars(String host, int port, int timeoutMillis, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(encode(args));
            List<String> scalars = new ArrayList<>();
            read(new DataInputStream(new BufferedInputStream(socket.getInputStream())), scalars);
            return scalars;
        }
    }

    private static void read(DataInputStream in, List<String> into) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '*' -> {
                for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
                    read(in, into);
                }
            }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    byte[] bytes = new byte[length + 2]; // and its CRLF
                    in.readFully(bytes);
                    into.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
                }
            }
            default -> into.add(line.substring(1)); // +simple, :integer, -error
        }
    }

    private static String line(DataInputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection mid-reply");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Whether a Redis server answers PING at host:port within the timeout. */
    public static boolean pings(String host, int port, int timeoutMillis) {
        try {
            return "+PONG".equals(command(host, port, timeoutMillis, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] encode(String... args) {
        var sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            // Bulk-string lengths count bytes, not chars.
            int length = arg.getBytes(StandardCharsets.UTF_8).length;
            sb.append('$').append(length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
