package io.scalingsuite.demodata;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.scalingsuite.contracts.sharding.MerchantHash;

/**
 * catalog-service's placement, as the seeder needs it: which shard databases there are (catalog's
 * {@code catalog.shards.*} file, as {@code make run} writes it) and on which shard a merchant lives: where catalog's
 * merchant directory says it was moved, else {@code jump(fnv1a64(merchantId), shards)}, exactly as catalog's
 * {@code Placement} computes it (docs/sharding.md). Product and review ids then carry their shard's number.
 */
final class ShardLayout {

    private final List<String> urls;
    private final Map<String, Integer> moved = new HashMap<>();

    private ShardLayout(List<String> urls) {
        this.urls = urls;
    }

    /** One shard: {@code defaultUrl}. */
    static ShardLayout single(String defaultUrl) {
        return new ShardLayout(List.of(defaultUrl));
    }

    /** The shards a {@code catalog.shards.sN.*} properties file names, in name order; no url: {@code defaultUrl}. */
    static ShardLayout fromFile(Path file, String defaultUrl) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<String> names = p.stringPropertyNames().stream().filter(k -> k.startsWith("catalog.shards."))
                .map(k -> k.substring("catalog.shards.".length(), k.indexOf('.', "catalog.shards.".length())))
                .distinct().sorted().toList();
        List<String> urls = new ArrayList<>();
        for (String name : names) {
            urls.add(p.getProperty("catalog.shards." + name + ".url", defaultUrl));
        }
        return new ShardLayout(urls.isEmpty() ? List.of(defaultUrl) : urls);
    }

    List<String> urls() {
        return urls;
    }

    int count() {
        return urls.size();
    }

    /** Reads the merchant directory of every shard (the latest move of a merchant wins), as catalog does. */
    void readDirectory(List<Connection> shards) throws SQLException {
        Map<String, Timestamp> when = new HashMap<>();
        for (Connection c : shards) {
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT merchant_id, shard, moved_at FROM catalog.merchant_directory")) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(3);
                    int index = Integer.parseInt(rs.getString(2).substring(1));
                    if (!when.containsKey(rs.getString(1)) || when.get(rs.getString(1)).before(at)) {
                        when.put(rs.getString(1), at);
                        moved.put(rs.getString(1), index);
                    }
                }
            }
        }
    }

    int shardOfMerchant(String merchantId) {
        Integer index = moved.get(merchantId);
        return index != null && index < count() ? index : MerchantHash.shardOf(merchantId, count());
    }

    /** The id with {@code shard} in the top 8 of its 12 {@code rand_a} bits (catalog's {@code UuidV7.next(int)}). */
    UUID onShard(UUID id, int shard) {
        if (count() == 1) {
            return id; // as before sharding: with one shard every id maps to it
        }
        long msb = (id.getMostSignificantBits() & ~(0xFFL << 4)) | ((long) shard << 4);
        return new UUID(msb, id.getLeastSignificantBits());
    }

    /** The shard an id made by {@link #onShard} names. */
    int shardOf(UUID id) {
        return count() == 1 ? 0 : (int) ((id.getMostSignificantBits() >>> 4) & 0xFF);
    }
}
