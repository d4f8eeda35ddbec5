package io.scalingsuite.catalog.service.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.CategoryDocument;
import io.scalingsuite.catalog.api.CategoryInput;
import io.scalingsuite.catalog.api.ProductDocument;
import io.scalingsuite.catalog.api.ProductInput;
import io.scalingsuite.catalog.api.ReviewDocument;
import io.scalingsuite.catalog.api.ReviewInput;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.IdempotencyKeyRepository;
import io.scalingsuite.catalog.service.CategoryService;
import io.scalingsuite.catalog.service.ProductService;
import io.scalingsuite.catalog.service.ReviewService;

/**
 * Creates that honour an {@code Idempotency-Key}: the key is claimed, the row created and the answer recorded in
 * ONE transaction (the create's own, on the shard the row goes to), so a key exists if and only if its create
 * committed. A retry with the same key and the same body gets the first answer again; the same key with another
 * body is refused with 422. Failed creates are not remembered (their transaction rolled back), so a retry after a
 * 4xx or a crash runs again. Keys are per caller and route: clients cannot see or block each other's creates.
 */
@ApplicationScoped
public class IdempotentCreates {

    /** What a create answered, and whether it is a replay of an earlier answer. */
    public record Created<T>(T document, boolean replayed) {
    }

    /** A key as the client sent it, and the verified caller that sent it (never a client-supplied name). */
    public record Key(String caller, String value) {
    }

    private final IdempotencyKeyRepository keys;
    private final ProductService products;
    private final ReviewService reviews;
    private final CategoryService categories;
    private final ObjectMapper mapper;
    private final ObjectWriter canonical;
    private final CatalogConfig.Idempotency config;

    public IdempotentCreates(IdempotencyKeyRepository keys, ProductService products, ReviewService reviews,
            CategoryService categories, ObjectMapper mapper, CatalogConfig config) {
        this.keys = keys;
        this.products = products;
        this.reviews = reviews;
        this.categories = categories;
        this.mapper = mapper;
        this.canonical = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.config = config.idempotency();
    }

    public Created<ProductDocument> product(Key key, ProductInput input) {
        return products.create(input,
                insert -> once(key, "products", input, insert, ProductDocument::id, ProductDocument.class));
    }

    public Created<ReviewDocument> review(Key key, UUID productId, ReviewInput input) {
        return reviews.add(productId, input,
                insert -> once(key, "reviews:" + productId, input, insert, ReviewDocument::id, ReviewDocument.class));
    }

    /**
     * The record lives on the first shard, in the category's own transaction there: that shard is authoritative
     * for categories (the create is checked and committed there before the copies), so the key exists if and only
     * if the category does, and duplicates meet on one row lock. Records on every shard would need a transaction
     * across shards, which the router does not have.
     */
    public Created<CategoryDocument> category(Key key, CategoryInput input) {
        return categories.create(input,
                insert -> once(key, "categories", input, insert, CategoryDocument::id, CategoryDocument.class));
    }

    private <T> Created<T> once(Key key, String scope, Object input, Supplier<T> create, Function<T, UUID> id,
            Class<T> type) {
        String fingerprint = fingerprint(input);
        if (!keys.claim(key.value(), key.caller(), scope, fingerprint, config.retention())) {
            IdempotencyKeyRepository.Recorded recorded = keys.find(key.value(), key.caller(), scope)
                    .orElseThrow(IdempotentCreates::inUse);
            if (!recorded.fingerprint().equals(fingerprint)) {
                throw CatalogException.unprocessable("Idempotency-Key",
                        "This Idempotency-Key was already used with a different request body.");
            }
            if (recorded.response() == null) {
                throw inUse();
            }
            return new Created<>(read(recorded.response(), type), true);
        }
        T created = create.get();
        keys.complete(key.value(), key.caller(), scope, 201, id.apply(created), write(created));
        return new Created<>(created, false);
    }

    private static CatalogException inUse() {
        return CatalogException.conflict("A request with this Idempotency-Key is still in progress; retry shortly.");
    }

    private String fingerprint(Object input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(input));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    private String write(Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the response", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot replay the recorded response", e);
        }
    }
}
