package io.scalingsuite.catalog.api;

import java.time.Instant;
import java.util.UUID;

import io.scalingsuite.catalog.Review;
import io.scalingsuite.contracts.events.ReviewState;

/** A review as the API shows it. */
public record ReviewDocument(UUID id, UUID productId, int rating, String title, String body, Instant createdAt) {

    /** The payload of {@code ReviewAdded}: by contract the same fields as this document. */
    public ReviewState state() {
        return new ReviewState(id, productId, rating, title, body, createdAt);
    }

    public static ReviewDocument of(Review r) {
        return new ReviewDocument(r.id, r.productId, r.rating, r.title, r.body, r.createdAt);
    }
}
