package io.scalingsuite.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A node in the category tree; {@code parentId} is null for a root. */
@Entity
@Table(name = "category")
public class Category {

    @Id
    public UUID id;

    public String slug;

    public String name;

    @Column(name = "parent_id")
    public UUID parentId;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
