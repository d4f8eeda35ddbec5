package io.scalingsuite.catalog.api;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.contracts.events.ProductState;

/** A product as the API shows it: flat, with {@code categoryId} rather than the category itself. */
public record ProductDocument(UUID id, String sku, String name, String description, long priceCents, String currency,
        UUID categoryId, String merchantId, int stock, Map<String, Object> attributes, long version,
        Instant createdAt, Instant updatedAt) {

    /** The names a client may ask for with {@code fields=}. */
    public static final Set<String> FIELDS = Set.of("id", "sku", "name", "description", "priceCents", "currency",
            "categoryId", "merchantId", "stock", "attributes", "version", "createdAt", "updatedAt");

    public static ProductDocument of(Product p) {
        return new ProductDocument(p.id, p.sku, p.name, p.description, p.priceCents, p.currency, p.categoryId,
                p.merchantId, p.stock, p.attributes == null ? Map.of() : p.attributes, p.version, p.createdAt,
                p.updatedAt);
    }

    /** The payload of this product's events: by contract the same fields as this document. */
    public ProductState state() {
        return new ProductState(id, sku, name, description, priceCents, currency, categoryId, merchantId, stock,
                attributes, version, createdAt, updatedAt);
    }

    /** The writable part, which a merge patch is applied to. */
    public ProductInput toInput() {
        return new ProductInput(sku, name, description, priceCents, currency, categoryId, merchantId, stock,
                attributes);
    }
}
