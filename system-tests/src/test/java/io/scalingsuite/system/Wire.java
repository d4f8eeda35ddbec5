package io.scalingsuite.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, byte for byte: what a hostile client sends (bad encodings, unknown methods,
 * conflicting framing) is exactly what reaches the server, which no HTTP client library allows.
 */
final class Wire {

    /** One answer: status (0 when the server closed without answering), headers in order, body de-chunked. */
    record Answer(int status, List<String[]> headers, String body, int answers) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        String head() {
            StringBuilder text = new StringBuilder();
            headers.forEach(h -> text.append(h[0]).append(": ").append(h[1]).append('\n'));
            return text.toString();
        }
    }

    private Wire() {
    }

    static Answer send(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                for (int offset = 0; offset < request.length; offset += 65_536) {
                    out.write(request, offset, Math.min(65_536, request.length - offset));
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server answered (413, 431) and closed before reading everything: read its answer
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot talk to 127.0.0.1:" + port, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // a reset after the answer, or an answer that never ends: keep what arrived
        }
        return all.toByteArray();
    }

    static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int answers = text.split("HTTP/1\\.[01] \\d{3}", -1).length - 1;
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(0, List.of(), text, 0);
        }
        String[] lines = (split < 0 ? text : text.substring(0, split)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] { lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim() });
            }
        }
        String body = split < 0 ? "" : text.substring(split + 4);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        if (chunked) {
            body = dechunk(body);
        } else {
            Optional<String> length = headers.stream().filter(h -> h[0].equalsIgnoreCase("Content-Length"))
                    .map(h -> h[1]).findFirst();
            if (length.isPresent() && Integer.parseInt(length.get()) <= body.length()) {
                body = body.substring(0, Integer.parseInt(length.get()));
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(status, headers, new String(bytes, StandardCharsets.UTF_8), answers);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            String sizeField = body.substring(at, eol).split(";")[0].trim();
            int size = sizeField.isEmpty() ? 0 : Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
