package io.scalingsuite.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;
import io.scalingsuite.devinfra.LocalInfra;
import io.scalingsuite.devinfra.PgAdmin;

/** The category rows of each shard, read and changed behind the service's back, and the second shard's outage. */
record ShardCategories(ShardPools pools, Placement placement) {

    /** Every category on the shard: id to "slug|name|parent|version". */
    Map<String, String> tree(int shard) throws SQLException {
        Map<String, String> tree = new TreeMap<>();
        try (Connection c = pools.get(shard).primary().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, slug, name, parent_id, version FROM catalog.category")) {
            while (rs.next()) {
                tree.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getLong(5));
            }
        }
        return tree;
    }

    boolean sameOnBoth() throws SQLException {
        return tree(0).equals(tree(1));
    }

    /** Runs one statement on the shard's primary; how many rows it changed. */
    int execute(int shard, String sql, Object... params) throws SQLException {
        try (Connection c = pools.get(shard).primary().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Puts back a copy of a category on the shard, as a copy that missed the delete would look. */
    void insertStaleCopy(int shard, String id) throws SQLException {
        execute(shard, "INSERT INTO catalog.category (id, slug, name, version, created_at, updated_at) "
                + "VALUES (?, ?, 'Stale', 0, now(), now())", UUID.fromString(id), Fixtures.unique("stale"));
    }

    String merchantOn(int shard) {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != shard);
        return merchant;
    }

    /** Refuses (or allows again) every connection to the second shard's database, and ends the ones it has. */
    static void secondShardReachable(boolean reachable) throws SQLException {
        String url = TwoShards.secondShardUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        LocalInfra.Postgres pg = LocalInfra.postgres();
        try (Connection admin = PgAdmin.connect(pg.jdbcUrl("postgres"), pg.user(), 10);
                Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }
}
