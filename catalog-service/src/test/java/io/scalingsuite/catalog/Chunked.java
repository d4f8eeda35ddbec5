package io.scalingsuite.catalog;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/** A request written byte for byte (chunked framing included) on a fresh connection; the whole answer as text. */
final class Chunked {

    private Chunked() {
    }

    static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedEarly) {
                // refused before the whole body was read: the answer is already on its way
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
