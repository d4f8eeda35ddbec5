package io.scalingsuite.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/**
 * Sends a request line byte for byte: HTTP client libraries (rest-assured included) normalize or re-encode
 * paths like {@code /a/../b} before sending, which would hide exactly what the path tests must send.
 */
final class RawHttp {

    record Answer(int status, String head, String body) {
    }

    private RawHttp() {
    }

    static Answer get(String rawPath) {
        return send("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends the start of a request and leaves the connection open; closing it is a client that leaves. */
    static Socket open(String requestStart) {
        try {
            Socket socket = new Socket("127.0.0.1", RestAssured.port);
            socket.getOutputStream().write(requestStart.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status of the answer on a connection {@link #open}ed earlier, waiting up to 10 s for it. */
    static int status(Socket socket) {
        try {
            socket.setSoTimeout(10_000);
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer send(String request) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
