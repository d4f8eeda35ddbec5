package io.scalingsuite.aggregation.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.aggregation.views.writing.CategoryViewWriter;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.aggregation.views.writing.ProductViewWriter;
import io.scalingsuite.aggregation.views.writing.ReviewViewWriter;
import io.scalingsuite.aggregation.views.writing.SummaryWriter;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.CategoryChange;
import io.scalingsuite.contracts.events.CategoryState;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/**
 * Applies one event in one PostgreSQL transaction, recording its id in the same transaction: an event is
 * applied exactly once however often the stream delivers it, and the stream entry is acknowledged only after
 * this commit.
 */
@ApplicationScoped
public class EventApplier {

    /**
     * The locks and the first-delivery record (V10__begin_event.sql): the tree's lock exclusive or shared, then the
     * aggregates' in order (views/rebuilding/MergeSql takes the same tree key).
     */
    private static final String BEGIN_EVENT = "SELECT aggregation.begin_event(?, ?, ?)";
    /** The events that change the category tree's shape: they take its lock alone. */
    private static final Set<CatalogEventType> TREE_CHANGES = EnumSet.of(CatalogEventType.CATEGORY_CREATED,
            CatalogEventType.CATEGORY_UPDATED, CatalogEventType.CATEGORY_DELETED);

    private final StatementSpans connections;
    private final ProductViewWriter products;
    private final ReviewViewWriter reviews;
    private final CategoryViewWriter categories;
    private final SummaryWriter summaries;
    private final FanoutWorker fanout;

    public EventApplier(StatementSpans connections, ProductViewWriter products, ReviewViewWriter reviews,
            CategoryViewWriter categories, SummaryWriter summaries, FanoutWorker fanout) {
        this.connections = connections;
        this.products = products;
        this.reviews = reviews;
        this.categories = categories;
        this.summaries = summaries;
        this.fanout = fanout;
    }

    public Outcome apply(CatalogEvent<?> event, String streamId) throws SQLException {
        try (Connection c = connections.connection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = applyIn(c, event, streamId);
                c.commit(); // a duplicate changed nothing: committing it is rolling it back
                if (outcome == Outcome.APPLIED && (event.type() == CatalogEventType.CATEGORY_UPDATED
                        || event.type() == CatalogEventType.CATEGORY_CREATED)) {
                    fanout.wake(); // the change may have queued a fan-out to its cards
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Applies the event in the caller's transaction, which the caller commits or rolls back. */
    Outcome applyIn(Connection c, CatalogEvent<?> event, String streamId) throws SQLException {
        if (!begin(c, event)) {
            return Outcome.DUPLICATE;
        }
        // No default: a new event type does not compile until it has a handler here.
        return switch (event.type()) {
            case PRODUCT_CREATED, PRODUCT_UPDATED -> summaries.around(c, event.aggregateId(),
                    event.as(ProductState.class).payload().categoryId(),
                    () -> products.upsert(c, event.as(ProductState.class), streamId));
            case PRODUCT_DELETED -> summaries.around(c, event.aggregateId(), null,
                    () -> products.delete(c, event.as(ProductState.class), streamId));
            case REVIEW_ADDED -> summaries.around(c, event.as(ReviewState.class).payload().productId(), null,
                    () -> reviews.add(c, event.as(ReviewState.class)));
            case CATEGORY_CREATED -> categories.upsert(c, event.aggregateId(), event.version(),
                    event.as(CategoryState.class).payload());
            case CATEGORY_UPDATED -> categories.upsert(c, event.aggregateId(), event.version(),
                    event.as(CategoryChange.class).payload().state());
            case CATEGORY_DELETED -> categories.delete(c, event.aggregateId(), event.version(),
                    event.as(CategoryState.class).payload());
        };
    }

    /**
     * Several consumers apply events side by side, and an event reads what an earlier one wrote (a product's card
     * before its update, a review parked for a product not there yet, a category's name for a card). Row locks
     * cannot cover rows that do not exist yet, so one transaction-scoped advisory lock per aggregate serialises
     * the events of a product (its reviews included) and of a category. Before them, the category tree's lock:
     * product and review events share it, a category event (and a rebuild's merge) takes it alone, so the subtree
     * sums a product event moves by deltas never change shape under it. Taken first, tree, product, category, before
     * any row lock: no cycle. All in one round trip with the event's first-delivery record (V10__begin_event.sql):
     * true on the first delivery.
     */
    private static boolean begin(Connection c, CatalogEvent<?> event) throws SQLException {
        List<UUID> aggregates = switch (event.type()) {
            case PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED ->
                Arrays.asList(event.aggregateId(), event.as(ProductState.class).payload().categoryId());
            case REVIEW_ADDED -> List.of(event.as(ReviewState.class).payload().productId());
            case CATEGORY_CREATED, CATEGORY_UPDATED, CATEGORY_DELETED -> List.of(event.aggregateId());
        };
        try (PreparedStatement s = c.prepareStatement(BEGIN_EVENT)) {
            s.setObject(1, event.eventId());
            s.setBoolean(2, TREE_CHANGES.contains(event.type()));
            s.setArray(3, c.createArrayOf("text", aggregates.stream().filter(Objects::nonNull).map(UUID::toString)
                    .toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
