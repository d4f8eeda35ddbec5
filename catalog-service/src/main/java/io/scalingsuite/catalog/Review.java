package io.scalingsuite.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's rating of one product; reviews are immutable once written. */
@Entity
@Table(name = "review")
public class Review {

    @Id
    public UUID id;

    @Column(name = "product_id")
    public UUID productId;

    public short rating;

    public String title;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
