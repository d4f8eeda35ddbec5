package io.scalingsuite.aggregation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.aggregation.events.EventApplier;
import io.scalingsuite.aggregation.views.writing.Outcome;
import io.scalingsuite.contracts.events.CatalogEvent;
import io.scalingsuite.contracts.events.CatalogEventType;
import io.scalingsuite.contracts.events.CategoryChange;
import io.scalingsuite.contracts.events.CategoryState;
import io.scalingsuite.contracts.events.ProductState;
import io.scalingsuite.contracts.events.ReviewState;

/**
 * A catalog in memory for the category fan-out tests: it makes catalog's events for its categories and products,
 * applies them through {@link EventApplier}, and exports its current state as catalog's snapshot does, so a rebuild
 * can be compared with what the events built.
 */
final class TreeCatalog {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter CANONICAL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final EventApplier applier;
    private final Map<UUID, CategoryState> categories = new LinkedHashMap<>();
    private final Map<UUID, ProductState> products = new LinkedHashMap<>();
    private final List<ReviewState> reviews = new ArrayList<>();
    private long position;

    TreeCatalog(EventApplier applier) {
        this.applier = applier;
    }

    Outcome apply(CatalogEvent<?> event) throws SQLException {
        return applier.apply(event, "1-" + ++position);
    }

    /** Creates a category and applies its event. */
    UUID category(String slug, UUID parentId) throws SQLException {
        UUID id = UUID.randomUUID();
        CategoryState state = new CategoryState(id, slug + "-" + id.toString().substring(0, 8), slug.toUpperCase(),
                parentId, 0, T0);
        categories.put(id, state);
        apply(new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_CREATED, id, 0, T0, state));
        return id;
    }

    /** The CategoryUpdated that renames and moves the category; the catalog takes the change, nothing is applied. */
    CatalogEvent<CategoryChange> change(UUID id, String name, UUID parentId) {
        CategoryState before = categories.get(id);
        long version = before.version() + 1;
        CategoryChange change = new CategoryChange(id, before.slug(), name, parentId, before.parentId(), version, T0);
        categories.put(id, change.state());
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_UPDATED, id, version, T0, change);
    }

    /** The CategoryDeleted of the category: its last state, one version on. */
    CatalogEvent<CategoryState> delete(UUID id) {
        CategoryState last = categories.remove(id);
        return new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.CATEGORY_DELETED, id, last.version() + 1, T0,
                last);
    }

    /** Creates the product, or updates it (one version on) with the category, price and stock given; applies it. */
    UUID product(UUID id, UUID categoryId, long priceCents, int stock) throws SQLException {
        return product(id, "Lamp " + priceCents, categoryId, priceCents, stock);
    }

    /** {@link #product(UUID, UUID, long, int)} with the name given. */
    UUID product(UUID id, String name, UUID categoryId, long priceCents, int stock) throws SQLException {
        ProductState before = products.get(id);
        long version = before == null ? 0 : before.version() + 1;
        ProductState state = new ProductState(id, "SKU-" + id.toString().substring(0, 8), name, null,
                priceCents, "EUR", categoryId, "acme", stock, Map.of(), version, T0, T0.plusSeconds(version));
        products.put(id, state);
        apply(new CatalogEvent<>(UUID.randomUUID(), version == 0 ? CatalogEventType.PRODUCT_CREATED
                : CatalogEventType.PRODUCT_UPDATED, id, version, T0.plusSeconds(version), state));
        return id;
    }

    /** Deletes the product (one version on) and applies the event; catalog forgets it. */
    void deleteProduct(UUID id) throws SQLException {
        ProductState last = products.remove(id);
        apply(new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.PRODUCT_DELETED, id, last.version() + 1,
                T0.plusSeconds(last.version() + 1), last));
    }

    /** Reviews the product and applies the event; catalog keeps the review while it keeps the product. */
    void review(UUID productId, int rating) throws SQLException {
        ReviewState review = new ReviewState(UUID.randomUUID(), productId, rating, "r" + rating, null,
                T0.plusSeconds(reviews.size()));
        reviews.add(review);
        apply(new CatalogEvent<>(UUID.randomUUID(), CatalogEventType.REVIEW_ADDED, review.id(), 0, review.createdAt(),
                review));
    }

    /** The live categories, oldest first. */
    List<UUID> categories() {
        return new ArrayList<>(categories.keySet());
    }

    /** The category's parent; null for a root. */
    UUID parentOf(UUID category) {
        return categories.get(category).parentId();
    }

    /** The live products, oldest first. */
    List<UUID> products() {
        return new ArrayList<>(products.keySet());
    }

    ProductState productState(UUID id) {
        return products.get(id);
    }

    /** {@code count} new products spread over the categories, with varied prices and stock. */
    List<UUID> products(List<UUID> in, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(product(UUID.randomUUID(), in.get(i % in.size()), 100 + (i * 37L) % 9_000, i % 4));
        }
        return ids;
    }

    /** The snapshot catalog's export would serve now (NDJSON), at a stream position after every event applied. */
    String export() throws JsonProcessingException {
        StringBuilder out = new StringBuilder("{\"type\":\"Snapshot\",\"streamPosition\":\"99999999999999-0\"}\n");
        for (CategoryState c : categories.values()) {
            Map<String, Object> payload = new HashMap<>(Map.of("id", c.id().toString(), "slug", c.slug(), "name",
                    c.name(), "version", c.version()));
            payload.put("parentId", c.parentId() == null ? null : c.parentId().toString());
            out.append(line("Category", c.version(), payload));
        }
        for (ProductState p : products.values()) {
            out.append(line("Product", p.version(), Map.of("id", p.id().toString(), "sku", p.sku(), "name", p.name(),
                    "priceCents", p.priceCents(), "currency", p.currency(), "categoryId", p.categoryId().toString(),
                    "merchantId", p.merchantId(), "stock", p.stock(), "attributes", Map.of(), "updatedAt",
                    p.updatedAt().toString())));
        }
        for (ReviewState r : reviews) {
            if (products.containsKey(r.productId())) {
                out.append(line("Review", 0, Map.of("id", r.id().toString(), "productId", r.productId().toString(),
                        "rating", r.rating(), "title", r.title(), "createdAt", CANONICAL.format(r.createdAt()))));
            }
        }
        return out.append("{\"type\":\"End\"}\n").toString();
    }

    private static String line(String type, long version, Map<String, Object> payload)
            throws JsonProcessingException {
        return JSON.writeValueAsString(Map.of("type", type, "version", version, "payload", payload)) + "\n";
    }
}
