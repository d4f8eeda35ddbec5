package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import io.scalingsuite.demodata.Seeder;
import io.scalingsuite.devinfra.LocalInfra;

/**
 * The seeder beyond the demo's 100,000 products ({@code make bench SCALE=1000000}): more products than a review's
 * sort key once had bits for, every review after its product's creation, and the indexes it set aside for the
 * load built again exactly as the migrations defined them.
 */
class SeederScaleTest {

    /** 2^17 + 1: the seeder refused more than 2^17 products. */
    private static final int PRODUCTS = 131_073;

    @Test
    // A failed load once hung in ROLLBACK behind its open COPY: fail then, do not hang the build.
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
    void shouldSeedMoreProductsThanTheDemoWithEveryIndexBack() throws Exception {
        String url = SeederShardsTest.migrated(LocalInfra.createDatabase("seed_scale"));
        List<String> migrated = indexes(url);

        Seeder.main(new String[] { "--jdbc-url", url, "--products", Integer.toString(PRODUCTS) });

        assertEquals(PRODUCTS, SeederShardsTest.count(url, "catalog.product"));
        assertEquals(3L * PRODUCTS, SeederShardsTest.count(url, "catalog.review"));
        assertEquals(0, count(url, "SELECT count(*) FROM catalog.review r JOIN catalog.product p "
                + "ON p.id = r.product_id WHERE r.created_at <= p.created_at"), "reviews after their product");
        assertEquals(migrated, indexes(url));
    }

    private static List<String> indexes(String url) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Connection c = SeederShardsTest.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'catalog' "
                        + "ORDER BY indexname")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        }
        return definitions;
    }

    private static long count(String url, String query) throws SQLException {
        try (Connection c = SeederShardsTest.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
