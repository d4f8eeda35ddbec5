package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.ProductState;

/**
 * Applies product events to the product card and, by deltas, to the category and merchant sums. Events carry
 * the full state, so an event older than the stored version is simply skipped.
 */
@ApplicationScoped
public class ProductViewWriter {

    private static final String UPSERT = """
            INSERT INTO aggregation.product_card AS p (product_id, merchant_id, category_id, name, price_cents, stock,
                review_count, rating_sum, deleted, version, updated_at, stream_id, card, category_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (product_id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id,
                category_id = EXCLUDED.category_id, name = EXCLUDED.name, price_cents = EXCLUDED.price_cents,
                stock = EXCLUDED.stock, deleted = EXCLUDED.deleted, version = EXCLUDED.version,
                updated_at = EXCLUDED.updated_at, stream_id = EXCLUDED.stream_id, card = EXCLUDED.card,
                category_version = EXCLUDED.category_version""";

    /** The stored state of one product, locked for the rest of the transaction. */
    record Current(long version, boolean deleted, Contribution contribution, long reviews, long ratingSum,
            ObjectNode card, long categoryVersion) {
    }

    private final StatsWriter stats;
    private final CardBuilder cards;
    private final ReviewViewWriter reviews;

    public ProductViewWriter(StatsWriter stats, CardBuilder cards, ReviewViewWriter reviews) {
        this.stats = stats;
        this.cards = cards;
        this.reviews = reviews;
    }

    public Outcome upsert(Connection c, CatalogEvent<ProductState> event, String streamId) throws SQLException {
        Current current = current(c, event.aggregateId());
        if (current != null && current.version() >= event.version()) {
            return Outcome.STALE;
        }
        long reviewCount = current == null ? 0 : current.reviews();
        long ratingSum = current == null ? 0 : current.ratingSum();
        ProductState p = event.payload();
        stats.move(c, current == null || current.deleted() ? null : current.contribution(),
                Contribution.of(p.categoryId(), p.merchantId(), p.priceCents(), p.stock(), reviewCount, ratingSum));
        ArrayNode recent = current == null ? null : (ArrayNode) current.card().get("recentReviews");
        CardBuilder.EmbeddedCategory category = cards.category(c, p.categoryId());
        ObjectNode card = cards.card(p, category.form(), reviewCount, ratingSum, recent, event.version(),
                event.occurredAt());
        write(c, event, streamId, card, false, category.pathVersion());
        reviews.applyParked(c, event.aggregateId());
        return Outcome.APPLIED;
    }

    public Outcome delete(Connection c, CatalogEvent<ProductState> event, String streamId) throws SQLException {
        Current current = current(c, event.aggregateId());
        if (current != null && current.version() >= event.version()) {
            return Outcome.STALE;
        }
        if (current != null && !current.deleted()) {
            stats.add(c, current.contribution().negate());
        }
        if (current != null) {
            write(c, event, streamId, current.card(), true, current.categoryVersion());
        } else {
            CardBuilder.EmbeddedCategory category = cards.category(c, event.payload().categoryId());
            write(c, event, streamId, cards.card(event.payload(), category.form(), 0, 0, null, event.version(),
                    event.occurredAt()), true, category.pathVersion());
        }
        return Outcome.APPLIED;
    }

    /** Writes the card; {@code categoryVersion} is the path version of the category form it embeds. */
    private void write(Connection c, CatalogEvent<ProductState> event, String streamId, ObjectNode card,
            boolean deleted, long categoryVersion) throws SQLException {
        ProductState p = event.payload();
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setObject(1, event.aggregateId());
            s.setString(2, p.merchantId());
            s.setObject(3, p.categoryId());
            s.setString(4, p.name());
            s.setLong(5, p.priceCents());
            s.setInt(6, p.stock());
            s.setLong(7, 0);
            s.setLong(8, 0);
            s.setBoolean(9, deleted);
            s.setLong(10, event.version());
            s.setObject(11, java.time.OffsetDateTime.ofInstant(event.occurredAt(), java.time.ZoneOffset.UTC));
            s.setString(12, streamId);
            s.setString(13, cards.write(card));
            s.setLong(14, categoryVersion);
            s.executeUpdate();
        }
    }

    Current current(Connection c, UUID productId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, deleted, category_id, merchant_id, price_cents,"
                + " stock, review_count, rating_sum, card::text, category_version FROM aggregation.product_card"
                + " WHERE product_id = ?"
                + " FOR UPDATE")) {
            s.setObject(1, productId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Contribution contribution = Contribution.of(rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getLong(8));
                return new Current(rs.getLong(1), rs.getBoolean(2), contribution, rs.getLong(7), rs.getLong(8),
                        (ObjectNode) cards.read(rs.getString(9)), rs.getLong(10));
            }
        }
    }
}
