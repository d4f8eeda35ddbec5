package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/** Small events for the writers' tests, and one-number reads of the views they write. */
final class WriterFixtures {

    private WriterFixtures() {
    }

    static CatalogEvent<ProductState> productCreated(UUID id, UUID categoryId, String merchantId) {
        ProductState product = new ProductState(id, "SKU-" + id.toString().substring(0, 8), "Lamp", null, 2_500,
                "EUR", categoryId, merchantId, 4, Map.of(), 0, Instant.now(), Instant.now());
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.PRODUCT_CREATED, id, 0, Instant.now(),
                product);
    }

    static CatalogEvent<ReviewState> reviewAdded(UUID productId, int rating) {
        ReviewState review = new ReviewState(UUID.randomUUID(), productId, rating, "t" + rating, null,
                Instant.parse("2026-01-01T00:00:00Z"));
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.REVIEW_ADDED, review.id(), 0, Instant.now(),
                review);
    }

    /** The single number {@code sql} selects for {@code key}; -1 when there is no row. */
    static long number(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
