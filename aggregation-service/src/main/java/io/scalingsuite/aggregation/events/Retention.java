package io.scalingsuite.aggregation.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.scalingsuite.aggregation.config.AggregationConfig;

/**
 * Keeps the consumer's own tables bounded: applied-event ids older than {@code applied-retention} and reviews
 * parked longer than {@code parked-retention} are deleted, a few thousand rows per statement (short locks).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int CHUNK = 5_000;

    static final String PRUNE_APPLIED = "DELETE FROM aggregation.applied_event WHERE event_id IN (SELECT event_id "
            + "FROM aggregation.applied_event WHERE applied_at < ? LIMIT " + CHUNK + ")";
    static final String PRUNE_PARKED = "DELETE FROM aggregation.parked_event WHERE event_id IN (SELECT event_id "
            + "FROM aggregation.parked_event WHERE parked_at < ? LIMIT " + CHUNK + ")";

    private final DataSource dataSource;
    private final AggregationConfig.Stream config;

    public Retention(DataSource dataSource, AggregationConfig config) {
        this.dataSource = dataSource;
        this.config = config.stream();
    }

    /** Prunes both tables; returns the rows deleted. */
    long prune() throws SQLException {
        long applied = prune(PRUNE_APPLIED, config.appliedRetention());
        long parked = prune(PRUNE_PARKED, config.parkedRetention());
        if (parked > 0) {
            LOG.warnf("Dropped %d review(s) parked longer than %s: their product never arrived", parked,
                    config.parkedRetention());
        }
        return applied + parked;
    }

    private long prune(String sql, Duration retention) throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int deleted;
            do {
                s.setObject(1, cutoff);
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == CHUNK);
        }
        return total;
    }
}
