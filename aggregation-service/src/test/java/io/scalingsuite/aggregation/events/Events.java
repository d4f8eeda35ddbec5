package io.scalingsuite.aggregation.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.CategoryChange;
import io.scalingsuite.contracts.events.CategoryState;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/** Typed catalog events with fixed times, so two applications of the same events write the same documents. */
final class Events {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Events() {
    }

    /** {@code CategoryCreated} at version 0; after that a {@code CategoryUpdated} that kept the parent. */
    static CatalogEvent<?> category(UUID id, String slug, UUID parentId, long version) {
        if (version == 0) {
            return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_CREATED, id, version, T0,
                    new CategoryState(id, slug, slug.toUpperCase(), parentId, version, T0));
        }
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_UPDATED, id, version, T0,
                new CategoryChange(id, slug, slug.toUpperCase(), parentId, parentId, version, T0));
    }

    /** {@code CategoryUpdated} that moves the category from {@code from} to {@code to}. */
    static CatalogEvent<?> moved(UUID id, String slug, UUID from, UUID to, long version) {
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_UPDATED, id, version, T0,
                new CategoryChange(id, slug, slug.toUpperCase(), to, from, version, T0));
    }

    /** {@code CategoryDeleted} after {@code version}. */
    static CatalogEvent<?> categoryDeleted(UUID id, String slug, UUID parentId, long version) {
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_DELETED, id, version + 1, T0,
                new CategoryState(id, slug, slug.toUpperCase(), parentId, version, T0));
    }

    static CatalogEvent<ProductState> product(UUID id, long version, UUID categoryId, long priceCents, int stock) {
        ProductState state = new ProductState(id, "SKU-" + id.toString().substring(0, 8), "Lamp", null, priceCents,
                "EUR", categoryId, "acme", stock, Map.of(), version, T0, T0.plusSeconds(version));
        return new CatalogEvent<>(UUID.randomUUID(), version == 0 ? CatalogEventType.PRODUCT_CREATED
                : CatalogEventType.PRODUCT_UPDATED, id, version, T0.plusSeconds(version), state);
    }

    static CatalogEvent<ProductState> deleted(CatalogEvent<ProductState> last) {
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.PRODUCT_DELETED, last.aggregateId(),
                last.version() + 1, T0.plusSeconds(last.version() + 1), last.payload());
    }

    static CatalogEvent<ReviewState> review(UUID productId, int rating) {
        ReviewState review = new ReviewState(UUID.randomUUID(), productId, rating, "t" + rating, null, T0);
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.REVIEW_ADDED, review.id(), 0, T0, review);
    }
}
