package io.scalingsuite.devinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One Redis command over a raw socket in RESP. dev-infra and demo-data need only PING and INCR, so it speaks
 * the protocol itself instead of pulling a Redis client onto every service's test classpath.
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
