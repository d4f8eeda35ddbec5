package io.scalingsuite.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.DatabaseErrors;
import io.scalingsuite.catalog.api.IfMatch;
import io.scalingsuite.catalog.api.InputValidator;
import io.scalingsuite.catalog.api.JsonErrors;
import io.scalingsuite.catalog.api.JsonMergePatch;
import io.scalingsuite.catalog.api.ProductDocument;
import io.scalingsuite.catalog.api.ProductInput;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.events.Outbox;
import io.scalingsuite.catalog.events.ProductChanged;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.Shards;
import io.scalingsuite.contracts.events.CatalogEventType;

/**
 * Product writes. Each is one transaction on the merchant's shard that records its event in that shard's outbox
 * and ends by announcing the change to after-commit observers (see {@link ProductChanged}).
 */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final CategoryGate categories;
    private final InputValidator validator;
    private final ObjectMapper mapper;
    private final Event<ProductChanged> changes;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Shards shards;

    public ProductService(ProductRepository products, CategoryGate categories, InputValidator validator,
            ObjectMapper mapper, Event<ProductChanged> changes, Event<CacheTags.Touched> purges, Outbox outbox,
            Shards shards) {
        this.shards = shards;
        this.products = products;
        this.categories = categories;
        this.validator = validator;
        this.mapper = mapper;
        this.changes = changes;
        this.purges = purges;
        this.outbox = outbox;
    }

    public ProductDocument create(ProductInput input) {
        return create(input, Supplier::get);
    }

    /**
     * Creates through {@code around}, which runs inside the merchant shard's write transaction and decides whether
     * to call the insert it is given (an idempotent create records its key in that same transaction).
     */
    public <R> R create(ProductInput input, Function<Supplier<ProductDocument>, R> around) {
        validator.check(input);
        // the merchant's rows are guarded before around runs: a key's record is one of them
        return shards.writeMerchant(input.merchantId(), shard -> around.apply(() -> {
            Product product = new Product();
            product.id = UuidV7.next(shard.index());
            product.createdAt = now();
            product.merchantId = input.merchantId();
            return save(shard, product, input, CatalogEventType.PRODUCT_CREATED);
        }));
    }

    public ProductDocument replace(UUID id, IfMatch ifMatch, ProductInput input) {
        validator.check(input);
        return shards.writeProduct(id,
                (shard, stored) -> save(shard, current(id, ifMatch, stored), input, CatalogEventType.PRODUCT_UPDATED));
    }

    public ProductDocument patch(UUID id, IfMatch ifMatch, String mergePatch) {
        return shards.writeProduct(id, (shard, stored) -> patchNow(shard, current(id, ifMatch, stored), mergePatch));
    }

    private ProductDocument patchNow(Shard shard, Product product, String mergePatch) {
        try {
            JsonNode patch = mapper.readTree(mergePatch);
            if (patch == null || !patch.isObject()) {
                throw CatalogException.badRequest("A merge patch must be a JSON object.");
            }
            JsonNode merged = JsonMergePatch.apply(mapper.valueToTree(ProductDocument.of(product).toInput()), patch);
            return save(shard, product, validator.check(mapper.treeToValue(merged, ProductInput.class)),
                    CatalogEventType.PRODUCT_UPDATED);
        } catch (JsonProcessingException e) {
            throw JsonErrors.describe(e);
        }
    }

    public void delete(UUID id, IfMatch ifMatch) {
        shards.writeProduct(id, (shard, stored) -> {
            Product product = current(id, ifMatch, stored);
            ProductDocument last = ProductDocument.of(product);
            products.delete(product);
            flush(product);
            outbox.append(CatalogEventType.PRODUCT_DELETED, id, last.version() + 1, last.state());
            announce(id);
            return null;
        });
    }

    /** The product as stored (404 if there is none), checked against the caller's If-Match. */
    private static Product current(UUID id, IfMatch ifMatch, Optional<Product> stored) {
        Product product = stored.orElseThrow(() -> CatalogException.notFound("Product", id));
        if (ifMatch != null) {
            ifMatch.check(product.version);
        }
        return product;
    }

    private ProductDocument save(Shard shard, Product product, ProductInput input, CatalogEventType eventType) {
        if (!input.merchantId().equals(product.merchantId)) {
            throw CatalogException.unprocessable("merchantId",
                    "merchantId cannot change: a product stays with its merchant.");
        }
        if (!input.sku().equals(product.sku) && products.existsBySku(input.sku())) {
            throw CatalogException.conflict("A product with SKU '" + input.sku() + "' already exists.");
        }
        if (!input.categoryId().equals(product.categoryId)) {
            categories.require(input.categoryId(), shard);
        }
        product.sku = input.sku();
        product.name = input.name();
        product.description = input.description();
        product.priceCents = input.priceCents();
        product.currency = input.currency();
        product.categoryId = input.categoryId();
        product.stock = input.stock();
        product.attributes = input.attributes() == null ? Map.of() : input.attributes();
        product.updatedAt = now();
        products.persist(product);
        flush(product);
        ProductDocument saved = ProductDocument.of(product);
        outbox.append(eventType, product.id, saved.version(), saved.state());
        announce(product.id);
        return saved;
    }

    /** Observers act after the commit: catalog's own cache generations, then the gateway's purge channel. */
    private void announce(UUID id) {
        changes.fire(new ProductChanged(id));
        purges.fire(CacheTags.productWrite(id));
    }

    /** Flushes now so a lost race (stale version, duplicate SKU) surfaces as 412/409, not at commit as a 500. */
    private void flush(Product product) {
        try {
            products.flush();
        } catch (OptimisticLockException e) {
            throw CatalogException
                    .preconditionFailed("The product was changed concurrently; fetch it again and retry.");
        } catch (PersistenceException e) {
            if (DatabaseErrors.violates(e, "product_sku_key")) {
                throw CatalogException.conflict("A product with this SKU already exists.");
            }
            if (DatabaseErrors.violates(e, "product_category_id_fkey")) { // deleted since the check
                throw CategoryGate.missing(product.categoryId);
            }
            throw e;
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
