package io.scalingsuite.aggregation.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

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

    void publish(CatalogEvent<?> event) {
        String tags = switch (event.type()) {
            case REVIEW_ADDED -> "view:product:" + event.as(ReviewState.class).payload().productId()
                    + ",view:categories,view:merchants";
            case CATEGORY_CREATED, CATEGORY_UPDATED -> "view:categories,view:products";
            case PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED -> "view:product:" + event.aggregateId()
                    + ",view:categories,view:merchant:" + event.as(ProductState.class).payload().merchantId();
        };
        try {
            redis.execute("PUBLISH", CHANNEL, tags);
        } catch (RuntimeException e) {
            LOG.warnf("View purge %s not published: %s", tags, e.getMessage());
        }
    }
}
