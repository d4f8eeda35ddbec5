package io.scalingsuite.catalog.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductListingQuery;
import io.scalingsuite.catalog.repository.ProductRepository;

/**
 * The PostgreSQL side of product reads: what a cache miss runs, on a worker thread. It renders JSON here so
 * the cache stores bytes ready to send and a hit never serializes anything.
 */
@ApplicationScoped
public class ProductLoader {

    private final ProductRepository products;
    private final ObjectMapper mapper;

    public ProductLoader(ProductRepository products, ObjectMapper mapper) {
        this.products = products;
        this.mapper = mapper;
    }

    /** The cache entry for one product (see {@link CachedProduct}). */
    @Transactional
    public String productEntry(UUID id) {
        return products.findByIdOptional(id)
                .map(p -> CachedProduct.encode(p.version, write(ProductDocument.of(p))))
                .orElse("");
    }

    /** One listing page as JSON: {@code {items, nextCursor}}. */
    @Transactional
    public String page(ProductFilter filter, Cursors.Position after, int limit, SparseFields fields) {
        ProductListingQuery.After start = after == null ? null : new ProductListingQuery.After(after.value(), after.id());
        List<Product> rows = products.page(ProductListingQuery.of(filter, start, limit + 1));
        boolean more = rows.size() > limit;
        List<Product> shown = more ? rows.subList(0, limit) : rows;
        ArrayNode items = mapper.createArrayNode();
        for (Product p : shown) {
            ObjectNode item = mapper.valueToTree(ProductDocument.of(p));
            items.add(fields == null ? item : fields.apply(item));
        }
        ObjectNode page = mapper.createObjectNode();
        page.set("items", items);
        if (more) {
            Product last = shown.get(shown.size() - 1);
            long sortValue = ProductListingQuery.sortValueOf(filter.sort(), last.priceCents, last.createdAt);
            page.put("nextCursor", Cursors.encode(filter.canonical(), sortValue, last.id));
        } else {
            page.putNull("nextCursor");
        }
        return write(page);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a product", e);
        }
    }
}
