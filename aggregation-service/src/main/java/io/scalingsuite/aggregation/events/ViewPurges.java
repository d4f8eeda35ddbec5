package io.scalingsuite.aggregation.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.aggregation.contract.ViewTags;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/**
 * After an event changed the views, tells shared caches (the gateway's) which view responses to drop, on the
 * channel catalog and the gateway use ({@code aggregation.http.purge-channel}). Best effort: the views' short
 * max-age bounds a missed purge.
 */
@ApplicationScoped
public class ViewPurges {

    private static final Logger LOG = Logger.getLogger(ViewPurges.class);

    private final RedisDataSource redis;
    private final String channel;

    public ViewPurges(RedisDataSource redis, AggregationConfig config) {
        this.redis = redis;
        this.channel = config.http().purgeChannel();
    }

    void publish(CatalogEvent<?> event) {
        String tags = switch (event.type()) {
            // Listings (view:products) show the card's price, stock and rating and order by them.
            case REVIEW_ADDED -> ViewTags.all(ViewTags.product(event.as(ReviewState.class).payload().productId()),
                    ViewTags.PRODUCTS, ViewTags.CATEGORIES, ViewTags.MERCHANTS);
            // Summaries add up the subtree as it is now; cards follow when the fan-out finishes (category()).
            case CATEGORY_CREATED, CATEGORY_UPDATED, CATEGORY_DELETED ->
                ViewTags.all(ViewTags.CATEGORIES, ViewTags.PRODUCTS, ViewTags.category(event.aggregateId()));
            case PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED -> productTags(event.as(ProductState.class));
        };
        send(tags);
    }

    /** A category's fan-out finished: every card that embeds it (its path names it) changed. */
    void category(java.util.UUID categoryId) {
        send(ViewTags.category(categoryId));
    }

    private void send(String tags) {
        try {
            redis.execute("PUBLISH", channel, tags);
        } catch (RuntimeException e) {
            LOG.warnf("View purge %s not published: %s", tags, e.getMessage());
        }
    }

    private static String productTags(CatalogEvent<ProductState> event) {
        return ViewTags.all(ViewTags.product(event.aggregateId()), ViewTags.PRODUCTS, ViewTags.CATEGORIES,
                ViewTags.merchant(event.payload().merchantId()));
    }
}
