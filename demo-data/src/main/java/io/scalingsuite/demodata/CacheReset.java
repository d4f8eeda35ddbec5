package io.scalingsuite.demodata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * After a reload of catalog's tables, makes sure no cached copy from before is ever served, by catalog's own
 * protocol (catalog-service {@code ReadThroughCache}): every product's generation and the listings' generation are
 * bumped after the commit, exactly as a product write bumps them, so every entry stored before (or by a read that
 * began before the commit) is unreachable whatever else fails. Then, to free memory, the unreachable entries are
 * unlinked ({@code SCAN} + {@code UNLINK} in batches), and gateways are told to drop their copies: every product,
 * review and category tag, and the listings, on the purge channel (best effort: max-age bounds a lost message).
 * <p>
 * One standalone Redis (what {@code make run} starts). The keys are the current layout, one hash tag per product
 * ({@code prefix:{product:ID}:gen}), so on a Redis Cluster each command would have to go to its slot's node: this
 * client does not follow {@code MOVED}; it counts such errors and says so.
 */
final class CacheReset {

    private static final int BATCH = 1000;
    /** What catalog's bump does: INCR, and a TTL that outlives every entry (2 days: catalog's TTLs are minutes). */
    private static final String BUMP = "local g = redis.call('INCR', KEYS[1]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return g";
    private static final String GENERATION_TTL_MILLIS = Long.toString(2L * 24 * 3600 * 1000);

    private CacheReset() {
    }

    /** Answers the number of commands Redis refused (0 when everything was done). */
    static long run(String hostPort, String prefix, String channel, Collection<UUID> products,
            Collection<UUID> categories) throws IOException {
        long refused = 0;
        try (RedisPipe redis = new RedisPipe(hostPort, 10_000)) {
            List<String[]> bumps = new ArrayList<>();
            bumps.add(new String[] { "EVAL", BUMP, "1", prefix + ":{listing}:gen", GENERATION_TTL_MILLIS });
            for (UUID id : products) {
                bumps.add(new String[] { "EVAL", BUMP, "1", prefix + ":{product:" + id + "}:gen",
                        GENERATION_TTL_MILLIS });
            }
            refused += inBatches(redis, bumps);
            long unlinked = unlinkEntries(redis, prefix);
            List<String> tags = new ArrayList<>(List.of("products", "categories"));
            products.forEach(id -> {
                tags.add("product:" + id);
                tags.add("reviews:" + id);
            });
            categories.forEach(id -> tags.add("category:" + id));
            List<String[]> purges = new ArrayList<>();
            for (int from = 0; from < tags.size(); from += BATCH) {
                purges.add(new String[] { "PUBLISH", channel,
                        String.join(",", tags.subList(from, Math.min(tags.size(), from + BATCH))) });
            }
            refused += inBatches(redis, purges);
            System.err.printf("[seed] cache: %,d generations bumped, %,d entries unlinked, %,d purge messages on %s"
                    + "%s%n", bumps.size(), unlinked, purges.size(), channel,
                    refused == 0 ? "" : " (" + refused + " commands refused: a Redis Cluster? see CacheReset)");
        }
        return refused;
    }

    private static long inBatches(RedisPipe redis, List<String[]> commands) throws IOException {
        long refused = 0;
        for (int from = 0; from < commands.size(); from += BATCH) {
            for (Object reply : redis.send(commands.subList(from, Math.min(commands.size(), from + BATCH)))) {
                if (reply instanceof RedisPipe.Error) {
                    refused++;
                }
            }
        }
        return refused;
    }

    /** Unlinks {@code prefix:{...}:v...} entries (never a generation, which must keep counting up). */
    @SuppressWarnings("unchecked")
    private static long unlinkEntries(RedisPipe redis, String prefix) throws IOException {
        long unlinked = 0;
        String cursor = "0";
        do {
            Object reply = redis.one("SCAN", cursor, "MATCH", prefix + ":{*}:v*", "COUNT", Integer.toString(BATCH));
            if (!(reply instanceof List<?> page)) {
                throw new IOException("SCAN answered " + reply);
            }
            cursor = (String) page.get(0);
            List<Object> keys = (List<Object>) page.get(1);
            if (!keys.isEmpty()) {
                List<String> command = new ArrayList<>(List.of("UNLINK"));
                keys.forEach(k -> command.add((String) k));
                Object count = redis.one(command.toArray(String[]::new));
                unlinked += count instanceof Long n ? n : 0;
            }
        } while (!cursor.equals("0"));
        return unlinked;
    }
}
