package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Seeded random requests through the gateway for a time budget ({@code -Dfuzz.seconds}, default 20), with the
 * hostile corpus' invariants: no 5xx, errors as problem+json, no internal names, exactly one answer per request (no
 * answer at all is a failure). Rows no successful write named are unchanged afterwards. CI runs a fixed seed, so a
 * red run replays exactly; {@code -Dfuzz.random=true} draws a new seed (printed), {@code -Dfuzz.seed=<seed>} replays
 * one.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIXED_SEED = 20_261_202L;

    @Test
    void shouldKeepTheInvariantsForRandomRequests() throws Exception {
        long seed = Long.getLong("fuzz.seed", Boolean.getBoolean("fuzz.random") ? System.nanoTime() : FIXED_SEED);
        long budget = Long.getLong("fuzz.seconds", 20) * 1_000_000_000L;
        System.out.println("[fuzz] seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        ProcessSuite suite = ProcessSuite.shared();
        Map<String, String> values = GatewayFixtures.create(suite.gateway());
        List<String> before = GatewayFixtures.export(suite.gateway());
        RequestFuzzer fuzzer = new RequestFuzzer(seed, values);
        List<String> findings = new ArrayList<>();
        Set<String> written = new HashSet<>();
        int sent = 0;
        for (long start = System.nanoTime(); System.nanoTime() - start < budget; sent++) {
            RequestFuzzer.Request request = fuzzer.next();
            Wire.Answer answer = Wire.send(suite.gateway().port(), request.bytes());
            List<String> problems = new ArrayList<>(Invariants.check(request.text(), answer, ""));
            if (answer.answers() != 1) {
                problems.add(answer.answers() == 0 ? "no answer" : answer.answers() + " answers to one request");
            }
            for (String problem : problems) {
                findings.add("#" + sent + " " + request.method() + " " + request.target() + ": " + problem);
            }
            if (!request.method().equals("GET") && answer.status() / 100 == 2) {
                written.add(request.target());
            }
        }
        System.out.println("[fuzz] " + sent + " requests, seed " + seed);
        assertTrue(findings.isEmpty(), "seed " + seed + ", " + findings.size() + " finding(s):\n"
                + String.join("\n", findings.subList(0, Math.min(40, findings.size()))));
        List<String> after = GatewayFixtures.export(suite.gateway());
        List<String> changed = before.stream().filter(row -> !after.contains(row))
                .filter(row -> written.stream().noneMatch(target -> target.contains(id(row, "id"))
                        || target.contains(id(row, "productId"))))
                .toList(); // a product's delete takes its reviews
        assertEquals(List.of(), changed, "seed " + seed + ": rows changed that no successful write named");
    }

    private static String id(String row, String field) {
        try {
            return JSON.readTree(row).path("payload").path(field).asText("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
