package io.scalingsuite.aggregation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * What the consumer tests share: the catalog stream they publish to (and its dead-letter stream), and reads and
 * writes of the views' tables behind the service's back.
 */
@ApplicationScoped
public class ViewsFixture {

    private final RedisDataSource redis;
    private final DataSource dataSource;
    private final String key;

    ViewsFixture(RedisDataSource redis, DataSource dataSource,
            @ConfigProperty(name = "aggregation.stream.key") String key) {
        this.redis = redis;
        this.dataSource = dataSource;
        this.key = key;
    }

    CatalogStream stream() {
        return new CatalogStream(redis, key);
    }

    RedisDataSource redis() {
        return redis;
    }

    String key() {
        return key;
    }

    long deadLetters() {
        return stream().length(key + ":dead");
    }

    /** The first column of the first row of {@code sql}: one optional parameter, a {@code UUID[]} as an array. */
    long count(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter instanceof UUID[] ids) {
                s.setArray(1, c.createArrayOf("uuid", ids));
            } else if (parameter != null) {
                s.setObject(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Every card of the category: product id to price. */
    Map<UUID, Long> prices(UUID category) throws Exception {
        Map<UUID, Long> prices = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT product_id, price_cents FROM aggregation.product_card WHERE category_id = ?")) {
            s.setObject(1, category);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    prices.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return prices;
    }

    /** Runs statements on the views' database, as damage or repair done behind the service's back. */
    void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
