package io.scalingsuite.catalog.service;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.catalog.api.CachedProduct;
import io.scalingsuite.catalog.api.Cursors;
import io.scalingsuite.catalog.api.ProductDocument;
import io.scalingsuite.catalog.api.SparseFields;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.ProductListingQuery;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.ProductSort;
import io.scalingsuite.catalog.repository.shard.ConsistencyToken;
import io.scalingsuite.catalog.repository.shard.Read;
import io.scalingsuite.catalog.repository.shard.Shards;

/**
 * The PostgreSQL side of product reads: what a cache miss runs, on a worker thread. It renders JSON here so
 * the cache stores bytes ready to send and a hit never serializes anything. A product, and a merchant's
 * listing, are read on one shard; any other listing asks every shard for its first {@code limit + 1} rows after
 * the cursor and merges them in keyset order, which gives exactly the page one database would.
 */
@ApplicationScoped
public class ProductLoader {

    private final ProductRepository products;
    private final ObjectMapper mapper;
    private final Shards shards;

    public ProductLoader(ProductRepository products, ObjectMapper mapper, Shards shards) {
        this.products = products;
        this.mapper = mapper;
        this.shards = shards;
    }

    /** The cache entry for one product (see {@link CachedProduct}): "" when there is none. */
    public Read<String> productEntry(UUID id, ConsistencyToken token) {
        Read<Optional<String>> found = shards.readProduct(id, token, () -> products.findByIdOptional(id)
                .map(p -> CachedProduct.encode(p.version, write(ProductDocument.of(p)))));
        return new Read<>(found.value().orElse(""), found.fromReplica());
    }

    /** One listing page as JSON: {@code {items, nextCursor}}. */
    public Read<String> page(ProductFilter filter, Cursors.Position after, int limit, SparseFields fields,
            ConsistencyToken token) {
        ProductListingQuery.After start =
                after == null ? null : new ProductListingQuery.After(after.value(), after.id());
        ProductListingQuery query = ProductListingQuery.of(filter, start, limit + 1);
        Read<List<Product>> read = filter.merchantId() != null
                ? shards.readMerchant(filter.merchantId(), token, () -> products.page(query))
                : merged(shards.readEvery(token, shard -> products.page(query)), filter.sort(), limit + 1);
        List<Product> rows = read.value();
        boolean more = rows.size() > limit;
        List<Product> shown = more ? rows.subList(0, limit) : rows;
        Product last = more ? shown.get(shown.size() - 1) : null;
        String next = last == null ? null : Cursors.encode(filter.canonical(), sortValue(filter.sort(), last), last.id);
        return new Read<>(render(shown, fields, next), read.fromReplica());
    }

    /**
     * {@code {items, nextCursor}} written in one pass: a whole product goes straight from its document to the
     * output; only a sparse one goes through a tree, which {@link SparseFields} cuts.
     */
    private String render(List<Product> items, SparseFields fields, String nextCursor) {
        StringWriter out = new StringWriter(512 * (items.size() + 1));
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("items");
            for (Product p : items) {
                ProductDocument document = ProductDocument.of(p);
                if (fields == null) {
                    json.writeObject(document);
                } else {
                    json.writeTree(fields.apply(mapper.valueToTree(document)));
                }
            }
            json.writeEndArray();
            json.writeStringField("nextCursor", nextCursor);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot render a page of products", e);
        }
        return out.toString();
    }

    private static Read<List<Product>> merged(Read<List<List<Product>>> pages, ProductSort sort, int limit) {
        return new Read<>(merge(pages.value(), sort, limit), pages.fromReplica());
    }

    /**
     * K-way merge of per-shard pages, each already in {@code (sort value, id)} order: the first {@code limit} of
     * the union. Ids compare as PostgreSQL compares uuids (unsigned, byte by byte), not as {@link UUID#compareTo}.
     */
    static List<Product> merge(List<List<Product>> pages, ProductSort sort, int limit) {
        Comparator<Product> order = Comparator.<Product>comparingLong(p -> sortValue(sort, p))
                .thenComparing((a, b) -> compareUuids(a.id, b.id));
        Comparator<Product> keyset = sort.descending() ? order.reversed() : order;
        PriorityQueue<int[]> heads = new PriorityQueue<>((x, y) -> keyset.compare(pages.get(x[0]).get(x[1]),
                pages.get(y[0]).get(y[1])));
        for (int i = 0; i < pages.size(); i++) {
            if (!pages.get(i).isEmpty()) {
                heads.add(new int[] { i, 0 });
            }
        }
        List<Product> merged = new ArrayList<>(limit);
        while (merged.size() < limit && !heads.isEmpty()) {
            int[] head = heads.poll();
            merged.add(pages.get(head[0]).get(head[1]));
            if (head[1] + 1 < pages.get(head[0]).size()) {
                heads.add(new int[] { head[0], head[1] + 1 });
            }
        }
        return merged;
    }

    static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static long sortValue(ProductSort sort, Product p) {
        return ProductListingQuery.sortValueOf(sort, p.priceCents, p.createdAt, p.relevance);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a product", e);
        }
    }
}
