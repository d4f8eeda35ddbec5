package io.scalingsuite.aggregation.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * After an event changed the views, tells shared caches (the gateway's) which view responses to drop, on the
 * same channel catalog uses. Best effort: the views' short max-age bounds a missed purge.
 */
@ApplicationScoped
public class ViewPurges {

    static final String CHANNEL = "suite:purge";

    private static final Logger LOG = Logger.getLogger(ViewPurges.class);

    private final RedisDataSource redis;

    public ViewPurges(RedisDataSource redis) {
        this.redis = redis;
    }

    void publish(CatalogEvent event) {
        String tags = switch (event.type()) {
            case "ReviewAdded" -> "view:product:" + event.payload().path("productId").asText()
                    + ",view:categories,view:merchants";
            case "CategoryCreated", "CategoryUpdated" -> "view:categories,view:products";
            default -> "view:product:" + event.aggregateId() + ",view:categories,view:merchant:"
                    + event.payload().path("merchantId").asText();
        };
        try {
            redis.execute("PUBLISH", CHANNEL, tags);
        } catch (RuntimeException e) {
            LOG.warnf("View purge %s not published: %s", tags, e.getMessage());
        }
    }
}
