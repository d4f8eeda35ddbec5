package io.scalingsuite.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code hostile/corpus.tsv} (see scripts/make-hostile-corpus.py) and turns each line into request bytes. */
final class HostileCorpus {

    record Case(String name, String expected, String method, String target, List<String> headers, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(C|P|V|SKU|READ|WRITE|ADMIN|REVOKED|CURSOR|"
            + "REPEAT:[^:}]+:\\d+|NEST:\\d+|QS:\\d+|CHUNKS:\\d+:\\d+)}");
    private static final AtomicInteger SKUS = new AtomicInteger();

    private HostileCorpus() {
    }

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                cases.add(new Case(c[0], c[1], c[2], c[3], c[4].isEmpty() ? List.of() : List.of(c[4].split(" \\|\\| ")),
                        c.length > 5 ? c[5] : ""));
            }
        }
        return cases;
    }

    /** The request as bytes: placeholders filled from {@code values}, escapes decoded, Content-Length added. */
    static byte[] request(Case c, Map<String, String> values) {
        if (c.method().equals("RAW")) {
            return decode(fill(c.target(), values));
        }
        StringBuilder head = new StringBuilder(c.method()).append(' ').append(fill(c.target(), values))
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        boolean framed = false;
        for (String header : c.headers()) {
            head.append(fill(header, values)).append("\r\n");
            framed |= header.toLowerCase().startsWith("content-length") || header.toLowerCase().startsWith("transfer-");
        }
        byte[] body = decode(fill(c.body(), values));
        if (!framed && (body.length > 0 || !c.method().equals("GET"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = decode(head.toString());
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] p = m.group(1).split(":");
            String value = switch (p[0]) {
                case "SKU" -> "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SKUS.incrementAndGet();
                case "REPEAT" -> p[1].repeat(Integer.parseInt(p[2]));
                case "NEST" -> "[".repeat(Integer.parseInt(p[1])) + "]".repeat(Integer.parseInt(p[1]));
                case "QS" -> queryParams(Integer.parseInt(p[1]));
                case "CHUNKS" -> chunks(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                default -> values.get(p[0]);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String queryParams(int n) {
        StringBuilder qs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            qs.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i);
        }
        return qs.toString();
    }

    private static String chunks(int size, int count) {
        String chunk = Integer.toHexString(size) + "\\r\\n" + "x".repeat(size) + "\\r\\n";
        return chunk.repeat(count);
    }

    /** Decodes \r \n \t \0 \\ and \xNN (a raw byte); other characters become UTF-8. */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\\' || i + 1 >= text.length()) {
                plain.append(ch);
                continue;
            }
            char next = text.charAt(i + 1);
            int raw = switch (next) {
                case 'r' -> '\r';
                case 'n' -> '\n';
                case 't' -> '\t';
                case '0' -> 0;
                case '\\' -> '\\';
                case 'x' -> Integer.parseInt(text.substring(i + 2, i + 4), 16);
                default -> -1;
            };
            if (raw < 0) {
                plain.append(ch);
                continue;
            }
            out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
            out.write(raw);
            i += next == 'x' ? 3 : 1;
        }
        out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
