package io.scalingsuite.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load's own record of every write it sent, by Idempotency-Key, and of every answer it got. The key is also the
 * write's marker in the catalog (a product's name, a review's title), so after the run the catalog can be asked
 * how many rows each request made. catalog's unique SKU turns a second product into a 409 instead of a second row,
 * so the ledger also counts a refusal after the key's own write committed as a duplicate: the retry was not
 * recognised as the same request, it was executed again and failed on its own first copy.
 */
final class ChaosLedger {

    /** One write as the client sends it, every time with the same key and body. */
    record Write(String key, String path, String body) {
    }

    /** What the catalog's rows say about the ledger. */
    record Verdict(int sent, int acknowledged, List<String> lost, List<String> duplicated, List<String> unresolved) {
    }

    private final Map<String, Write> sent = new ConcurrentHashMap<>();
    /** Key → every id a 2xx answer to it carried (a correct service answers one id, however often asked). */
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    /** Key → the 4xx that was its latest answer (a 409 while its first attempt is in progress is retried). */
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    void sent(Write write) {
        sent.put(write.key(), write);
    }

    void answered(String key, int status, String id) {
        if (status / 100 == 2) {
            acknowledged.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
            refused.remove(key);
        } else if (status / 100 == 4) {
            refused.put(key, status);
        }
    }

    boolean acknowledged(String key) {
        return acknowledged.containsKey(key);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Writes that never got a 2xx: a client would send them again, with the same key. */
    List<Write> unacknowledged() {
        return sent.values().stream().filter(w -> !acknowledged.containsKey(w.key())).toList();
    }

    /**
     * Compares the ledger with the catalog's rows by marker (marker → ids of the rows carrying it). Lost: a key
     * answered 2xx whose id is on no row with its marker. Duplicated: a marker on two rows, a key answered with
     * two ids, or a key refused while its own row exists. Unresolved: still no 2xx after the final retries.
     */
    Verdict check(Map<String, List<String>> rowsByMarker) {
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Write write : sent.values()) {
            String key = write.key();
            List<String> rows = rowsByMarker.getOrDefault(key, List.of());
            Set<String> ids = acknowledged.getOrDefault(key, Set.of());
            if (rows.size() > 1 || ids.size() > 1) {
                duplicated.add(key + ": rows " + rows + ", answered ids " + ids);
            } else if (refused.containsKey(key) && rows.size() == 1) {
                duplicated.add(key + ": its retry was refused with " + refused.get(key) + " though its row " + rows
                        + " exists");
            }
            if (!ids.isEmpty() && rows.stream().noneMatch(ids::contains)) {
                lost.add(key + ": answered " + ids + ", rows " + rows + " (" + write.path() + ")");
            }
            if (ids.isEmpty()) {
                unresolved.add(key + ": " + (refused.containsKey(key) ? "refused " + refused.get(key) : "no answer")
                        + " (" + write.path() + ")");
            }
        }
        return new Verdict(sent.size(), acknowledged.size(), lost, duplicated, unresolved);
    }
}
