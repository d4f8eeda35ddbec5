package io.scalingsuite.catalog.repository.shard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client has written, as WAL positions per shard: a read of a shard carrying a position is served by a
 * replica only once the replica has replayed that far. On the wire it is opaque: base64url of
 * {@code v1;<shard>=<lsn>;...} with LSNs in PostgreSQL's {@code X/Y} notation. Unreadable tokens count as absent.
 * The shard name {@code *} applies to every shard: the gateway sends {@code *=FFFFFFFF/FFFFFFFF}, which no replica
 * reaches, when it cannot tell whether the caller wrote recently, so the read goes to the primaries.
 */
public record ConsistencyToken(Map<String, Long> positions) {

    public static final String HEADER = "X-Consistency-Token";
    static final String EVERY_SHARD = "*";

    public static ConsistencyToken parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(header.trim()), StandardCharsets.US_ASCII);
            String[] parts = text.split(";");
            if (!parts[0].equals("v1")) {
                return null;
            }
            Map<String, Long> positions = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                positions.put(pair[0], lsn(pair[1]));
            }
            return new ConsistencyToken(positions);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The position this token requires on {@code shard} (its own or every shard's, the higher), or 0. */
    public long on(String shard) {
        long own = positions.getOrDefault(shard, 0L);
        long every = positions.getOrDefault(EVERY_SHARD, 0L);
        return Long.compareUnsigned(own, every) >= 0 ? own : every;
    }

    /** This token raised to {@code lsn} on {@code shard}. */
    public ConsistencyToken with(String shard, long lsn) {
        Map<String, Long> merged = new TreeMap<>(positions);
        merged.merge(shard, lsn, Math::max);
        return new ConsistencyToken(merged);
    }

    public String encode() {
        StringBuilder text = new StringBuilder("v1");
        positions.forEach((shard, lsn) -> text.append(';').append(shard).append('=')
                .append(Long.toHexString(lsn >>> 32).toUpperCase()).append('/')
                .append(Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** PostgreSQL's {@code pg_lsn} text ({@code 16/B374D848}) as one unsigned 64-bit number. */
    public static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
