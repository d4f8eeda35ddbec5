package io.scalingsuite.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A merchant's product. The category is held as a plain id, not an association: every read of a
 * product is one row, and the API returns {@code categoryId}, never a nested category. An UPDATE sets only the
 * columns that changed: PostgreSQL recomputes the stored {@code search} vector (V9) only when its name or
 * description is among them, and a stock or price feed changes neither.
 */
@Entity
@DynamicUpdate
@Table(name = "product")
@SqlResultSetMapping(name = Product.RANKED, entities = @EntityResult(entityClass = Product.class),
        columns = @ColumnResult(name = "relevance", type = Float.class))
public class Product {

    /** A native query's rows as {@code [Product, relevance]}: a text search ranked by relevance. */
    public static final String RANKED = "RankedProduct";

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

    /** Optimistic lock: every UPDATE checks it, so concurrent writers cannot lose each other's change. */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** How well the row matched the text search that read it (relevance listings only); never stored. */
    @Transient
    public float relevance;
}
