package io.scalingsuite.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.catalog.Review;
import io.scalingsuite.catalog.UuidV7;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.Cursors;
import io.scalingsuite.catalog.api.DatabaseErrors;
import io.scalingsuite.catalog.api.InputValidator;
import io.scalingsuite.catalog.api.Page;
import io.scalingsuite.catalog.api.ReviewDocument;
import io.scalingsuite.catalog.api.ReviewInput;
import io.scalingsuite.catalog.cache.CacheTags;
import io.scalingsuite.catalog.events.Outbox;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.ReviewRepository;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.Shards;
import io.scalingsuite.contracts.events.CatalogEventType;

/** Reviews of one product, newest first; they live on their product's shard. */
@ApplicationScoped
public class ReviewService {

    private final ReviewRepository reviews;
    private final ProductRepository products;
    private final InputValidator validator;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Shards shards;

    public ReviewService(ReviewRepository reviews, ProductRepository products, InputValidator validator,
            Event<CacheTags.Touched> purges, Outbox outbox, Shards shards) {
        this.shards = shards;
        this.reviews = reviews;
        this.products = products;
        this.validator = validator;
        this.purges = purges;
        this.outbox = outbox;
    }

    public ReviewDocument add(UUID productId, ReviewInput input) {
        return add(productId, input, Supplier::get);
    }

    /**
     * Adds through {@code around}, inside the product shard's write transaction (see ProductService#create). The
     * merchant's rows are guarded before {@code around} claims a key (the key's record is one of them, a move copies
     * it); when the product is gone (deleted), {@code around} still runs: a retry may replay its first answer.
     */
    public <R> R add(UUID productId, ReviewInput input, Function<Supplier<ReviewDocument>, R> around) {
        validator.check(input);
        return shards.writeProduct(productId,
                (shard, product) -> around.apply(() -> addNow(product.orElse(null), productId, input, shard)));
    }

    private ReviewDocument addNow(Product product, UUID productId, ReviewInput input, Shard shard) {
        if (product == null) {
            throw CatalogException.notFound("Product", productId);
        }
        Review review = new Review();
        review.id = UuidV7.next(shard.index());
        review.productId = productId;
        review.rating = input.rating().shortValue();
        review.title = input.title();
        review.body = input.body();
        review.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        reviews.persist(review);
        try {
            reviews.flush();
        } catch (PersistenceException e) {
            if (DatabaseErrors.violates(e, "review_product_id_fkey")) {
                throw CatalogException.notFound("Product", productId);
            }
            throw e;
        }
        ReviewDocument added = ReviewDocument.of(review);
        outbox.append(CatalogEventType.REVIEW_ADDED, review.id, 0, added.state());
        purges.fire(CacheTags.reviewWrite(productId));
        return added;
    }

    public ReviewDocument get(UUID productId, UUID reviewId) {
        return shards.readProduct(productId, null, () -> reviews.findByIdOptional(reviewId)
                .filter(r -> r.productId.equals(productId)).map(ReviewDocument::of)).value()
                .orElseThrow(() -> CatalogException.notFound("Review", reviewId));
    }

    public Page<ReviewDocument> page(UUID productId, String cursor, int limit) {
        String scope = "reviews:" + productId;
        Cursors.Position before = Cursors.decode(cursor, scope);
        return shards.readProduct(productId, null, () -> products.findByIdOptional(productId)
                .map(product -> pageNow(productId, before, limit, scope))).value()
                .orElseThrow(() -> CatalogException.notFound("Product", productId));
    }

    private Page<ReviewDocument> pageNow(UUID productId, Cursors.Position before, int limit, String scope) {
        List<Review> rows = reviews.page(productId, before == null ? null : before.id(), limit + 1);
        boolean more = rows.size() > limit;
        List<ReviewDocument> items = rows.stream().limit(limit).map(ReviewDocument::of).toList();
        String next = more ? Cursors.encode(scope, 0, items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }
}
