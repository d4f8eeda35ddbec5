package io.scalingsuite.bench;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** catalog.product as a team would map it: public fields, rendered by Jackson as they are. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public UUID id;

    public String sku;

    public String name;

    public String description;

    @Column(name = "price_cents")
    public long priceCents;

    public String currency;

    @Column(name = "category_id")
    public UUID categoryId;

    @Column(name = "merchant_id")
    public String merchantId;

    public int stock;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
