package io.scalingsuite.catalog.service;

import java.time.Instant;
import java.util.UUID;

import io.scalingsuite.catalog.Review;

/** A review as the API shows it. */
public record ReviewDocument(UUID id, UUID productId, int rating, String title, String body, Instant createdAt) {

    public static ReviewDocument of(Review r) {
        return new ReviewDocument(r.id, r.productId, r.rating, r.title, r.body, r.createdAt);
    }
}
