package io.scalingsuite.aggregation.views.rebuilding;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.contract.ViewTags;

/**
 * After a rebuild committed, any view response may have changed: tells shared caches (the gateway's) to drop every
 * listing, summary, card and merchant view, in messages of {@value #TAGS_PER_MESSAGE} tags on the purge channel.
 * Best effort, like the events' purges: the views' max-age bounds a lost message.
 */
@ApplicationScoped
public class RebuildPurges {

    static final int TAGS_PER_MESSAGE = 1000;
    private static final Logger LOG = Logger.getLogger(RebuildPurges.class);

    private final RedisDataSource redis;
    private final String channel;

    public RebuildPurges(RedisDataSource redis, AggregationConfig config) {
        this.redis = redis;
        this.channel = config.http().purgeChannel();
    }

    /** Publishes the purges; answers how many messages went out. */
    public int everything(Connection c) throws SQLException {
        List<String> tags = new ArrayList<>(List.of(ViewTags.PRODUCTS, ViewTags.CATEGORIES, ViewTags.MERCHANTS));
        try (Statement s = c.createStatement()) {
            collect(s, "SELECT product_id::text FROM aggregation.product_card", tags, true);
            collect(s, "SELECT merchant_id FROM aggregation.merchant_stat", tags, false);
        }
        int messages = 0;
        try {
            for (int from = 0; from < tags.size(); from += TAGS_PER_MESSAGE) {
                List<String> batch = tags.subList(from, Math.min(tags.size(), from + TAGS_PER_MESSAGE));
                redis.execute("PUBLISH", channel, String.join(",", batch));
                messages++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("View purges after the rebuild not all published (%d sent): %s", messages, e.getMessage());
        }
        return messages;
    }

    private static void collect(Statement s, String sql, List<String> tags, boolean products) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                tags.add(products ? ViewTags.product(java.util.UUID.fromString(rs.getString(1)))
                        : ViewTags.merchant(rs.getString(1)));
            }
        }
    }
}
