package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.scalingsuite.demodata.Seeder;
import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.PgAdmin;
import io.scalingsuite.devinfra.Resp;

/**
 * The seeder on two catalog shards, as {@code make run SHARDS=2} runs it: every product on its merchant's shard
 * with an id naming that shard, the merchant directory obeyed, categories on both; and a reload makes catalog's
 * cached copies from before unreachable (the product's generation bumped, the entry unlinked).
 */
class SeederShardsTest {

    @Test
    void shouldSeedTwoShardsByMerchantPlacementAndDropCachedCopiesOnReload() throws Exception {
        String s0 = migrated(LocalInfra.createDatabase("seed_s0"));
        String s1 = migrated(LocalInfra.createDatabase("seed_s1"));
        Path shardsFile = Files.createTempFile("catalog-shards", ".properties");
        Files.writeString(shardsFile, "catalog.shards.s0.pool-size=16\ncatalog.shards.s1.url=" + s1 + "\n");
        String prefix = "seedtest-" + LocalInfra.randomSuffix(8);
        try {
            seedTwiceAndCheck(s0, s1, shardsFile, prefix);
        } finally {
            LocalInfra.deleteKeys(prefix); // 100,000 generation keys, otherwise kept for two days
        }
    }

    private static void seedTwiceAndCheck(String s0, String s1, Path shardsFile, String prefix) throws Exception {
        var redis = LocalInfra.redis();
        String[] seed = { "--jdbc-url", s0, "--shards-file", shardsFile.toString(), "--redis",
                redis.host() + ":" + redis.port(), "--key-prefix", prefix, "--purge-channel", prefix + ":purge" };
        Seeder.main(seed);

        Map<String, Integer> merchants = placement(List.of(s0, s1));
        assertEquals(100, merchants.size(), "every merchant on exactly one shard");
        assertTrue(merchants.containsValue(0) && merchants.containsValue(1), "the merchants are spread: " + merchants);
        assertEquals(100_000, count(s0, "catalog.product") + count(s1, "catalog.product"));
        assertEquals(300_000, count(s0, "catalog.review") + count(s1, "catalog.review"));
        assertEquals(200, count(s0, "catalog.category"));
        assertEquals(200, count(s1, "catalog.category"));

        // A merchant the directory moved, and a product cached before the reload.
        String moved = merchants.entrySet().stream().filter(e -> e.getValue() == 0).findFirst().orElseThrow().getKey();
        sql(s0, "INSERT INTO catalog.merchant_directory VALUES ('" + moved + "', 's1', now())");
        UUID cached = firstProduct(s1);
        // The first seed bumped every product's generation to 1: this is what a read then stored.
        String entry = prefix + ":{product:" + cached + "}:v1";
        Resp.command(redis.host(), redis.port(), 2000, "SET", entry, "{\"version\":1}");
        Seeder.main(seed);

        assertEquals(1, placement(List.of(s0, s1)).get(moved), "the directory decides where a merchant lives");
        assertEquals(":2", generation(redis, prefix, cached), "the reload bumped the product's generation");
        assertEquals("$-1", Resp.command(redis.host(), redis.port(), 2000, "GET", entry), "the old entry is gone");
    }

    private static String generation(LocalInfra.Redis redis, String prefix, UUID id) throws IOException {
        // GET answers "$1" then the value on the next line; INCRBY 0 answers the number on one line.
        return Resp.command(redis.host(), redis.port(), 2000, "INCRBY", prefix + ":{product:" + id + "}:gen", "0");
    }

    /** Each merchant's shard; fails if a merchant has products on both or an id names another shard. */
    private static Map<String, Integer> placement(List<String> shards) throws SQLException {
        Map<String, Integer> merchants = new HashMap<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            try (Connection c = connect(shards.get(shard)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT merchant_id, id FROM catalog.product")) {
                while (rs.next()) {
                    UUID id = rs.getObject(2, UUID.class);
                    assertEquals(shard, (int) ((id.getMostSignificantBits() >>> 4) & 0xFF), "id names its shard");
                    Integer before = merchants.put(rs.getString(1), shard);
                    assertTrue(before == null || before == shard, rs.getString(1) + " on two shards");
                }
            }
        }
        return merchants;
    }

    private static UUID firstProduct(String url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM catalog.product ORDER BY id LIMIT 1")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    static long count(String url, String table) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** catalog-service's Flyway migrations, applied as plain SQL in version order. */
    static String migrated(String url) throws IOException, SQLException {
        Path dir = Path.of("..", "catalog-service", "src", "main", "resources", "db", "migration");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted((a, b) -> Integer.compare(version(a), version(b))).toList()) {
                sql(url, Files.readString(file));
            }
        }
        return url;
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static void sql(String url, String statements) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    static Connection connect(String url) throws SQLException {
        return PgAdmin.connect(url, LocalInfra.PG_USER, 10);
    }
}
