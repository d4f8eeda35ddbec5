package io.scalingsuite.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every answer to a hostile request must satisfy: never a 5xx, an error is problem+json whose status matches,
 * and no internal name (Java class or package, stack frame, table or schema, SQL, upstream host:port) appears in a
 * body or header unless the request itself carried it (an echoed path or field is not a leak).
 */
final class Invariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAK = Pattern.compile("(?i)(\\bjava\\.[a-z]+|\\bjakarta\\.|\\bio\\.scalingsuite|"
            + "\\borg\\.(hibernate|postgresql|jboss)|\\bio\\.(vertx|netty|quarkus)|\\w+Exception\\b|\\tat \\w|"
            + "\\bcatalog\\.(product|category|review|outbox|idempotency_key)\\b|\\bviews?\\.\\w+_\\w+|pg_\\w+|"
            + "SQLState|\\bPSQL|\\bselect\\s.+\\sfrom\\b|\\binsert into\\b|(127\\.0\\.0\\.1|localhost):\\d{2,5}|"
            + "postgres(ql)?://|redis://|jdbc:)");

    private Invariants() {
    }

    /**
     * Violations of the invariants by this answer to this request. {@code expected}: statuses such as "400,404" or
     * "2xx"; the word {@code bare} admits an answer with no body from the HTTP codec itself (a request line or
     * header block it cannot parse, before any application code runs: see SECURITY.md).
     */
    static List<String> check(String request, Wire.Answer answer, String expected) {
        List<String> problems = new ArrayList<>();
        boolean head = request.startsWith("HEAD "); // an answer to HEAD has headers only
        int status = answer.status();
        boolean bare = expected.contains("bare");
        expected = expected.replace("bare", "").replaceAll(",+", ",").replaceAll("^,|,$", "");
        if (!expected.isEmpty() && !matches(expected, status)) {
            problems.add("status " + status + ", expected " + expected);
        }
        if (status >= 500) {
            problems.add("server error " + status);
        }
        if (status >= 400 && !(bare && answer.body().isEmpty() && answer.header("Content-Type").isEmpty())) {
            String type = answer.header("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                problems.add("error without problem+json (Content-Type '" + type + "')");
            } else if (!head) {
                try {
                    JsonNode problem = JSON.readTree(answer.body());
                    if (problem.path("status").asInt() != status || problem.path("title").asText().isEmpty()) {
                        problems.add("problem document does not match the status: " + abbreviate(answer.body()));
                    }
                } catch (Exception e) {
                    problems.add("problem+json that is not JSON: " + abbreviate(answer.body()));
                }
            }
        }
        String requestText = request.toLowerCase(Locale.ROOT) + "\n" + decoded(request).toLowerCase(Locale.ROOT);
        // a 2xx body is the client's own data (injection strings stored verbatim are data): headers only
        Matcher leak = LEAK.matcher(answer.head() + "\n" + (status >= 300 ? answer.body() : ""));
        while (leak.find()) {
            if (!requestText.contains(leak.group().toLowerCase(Locale.ROOT))) {
                problems.add("internal name '" + leak.group() + "' in the answer: " + abbreviate(answer.head()
                        + answer.body()));
                break;
            }
        }
        return problems;
    }

    private static String decoded(String text) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static boolean matches(String expected, int status) {
        for (String option : expected.split(",")) {
            String o = option.trim();
            if (o.isEmpty()) {
                continue;
            }
            if (o.endsWith("xx") ? status / 100 == o.charAt(0) - '0' : Integer.parseInt(o) == status) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String text) {
        String flat = text.replace("\r", "").replace("\n", " | ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
