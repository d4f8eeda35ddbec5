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
import io.scalingsuite.catalog.repository.shard.MerchantGuard;
import io.scalingsuite.catalog.repository.shard.MoveRetry;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardRouter;
import io.scalingsuite.contracts.events.CatalogEventType;

/** Reviews of one product, newest first; they live on their product's shard. */
@ApplicationScoped
public class ReviewService {

    private final ReviewRepository reviews;
    private final ProductRepository products;
    private final InputValidator validator;
    private final Event<CacheTags.Touched> purges;
    private final Outbox outbox;
    private final Placement placement;
    private final ShardRouter router;
    private final MerchantGuard guard;

    public ReviewService(ReviewRepository reviews, ProductRepository products, InputValidator validator,
            Event<CacheTags.Touched> purges, Outbox outbox, Placement placement, ShardRouter router,
            MerchantGuard guard) {
        this.guard = guard;
        this.placement = placement;
        this.router = router;
        this.reviews = reviews;
        this.products = products;
        this.validator = validator;
        this.purges = purges;
        this.outbox = outbox;
    }

    public ReviewDocument add(UUID productId, ReviewInput input) {
        return add(productId, input, Supplier::get);
    }

    /** Adds through {@code around}, inside the product shard's write transaction (see ProductService#create). */
    public <R> R add(UUID productId, ReviewInput input, Function<Supplier<ReviewDocument>, R> around) {
        validator.check(input);
        return MoveRetry.retried(() -> {
            var shard = placement.ofProduct(productId);
            return router.write(shard, () -> {
                Product product = products.findByIdOptional(productId).orElse(null);
                enterMerchantOf(product, productId, shard);
                return around.apply(() -> addNow(product, productId, input, shard));
            });
        });
    }

    /**
     * The merchant's guard, taken before {@code around} claims a key: the key's record is one of the merchant's rows
     * (a move copies it). A product that is not here was moved (followed) or deleted: a retry may still replay.
     */
    private void enterMerchantOf(Product product, UUID productId, Shard shard) {
        if (product != null) {
            guard.enter(product.merchantId, shard);
        } else if (guard.missing(productId, null) instanceof MerchantGuard.ShardMoved moved) {
            throw moved;
        }
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
        return MoveRetry.retried(() -> router.read(placement.ofProduct(productId), null,
                () -> reviews.findByIdOptional(reviewId)
                        .filter(r -> r.productId.equals(productId)).map(ReviewDocument::of)
                        .orElseThrow(() -> guard.missing(productId, CatalogException.notFound("Review", reviewId)))));
    }

    public Page<ReviewDocument> page(UUID productId, String cursor, int limit) {
        String scope = "reviews:" + productId;
        Cursors.Position before = Cursors.decode(cursor, scope);
        return MoveRetry.retried(() -> router.read(placement.ofProduct(productId), null,
                () -> pageNow(productId, before, limit, scope)));
    }

    private Page<ReviewDocument> pageNow(UUID productId, Cursors.Position before, int limit, String scope) {
        requireProduct(productId);
        List<Review> rows = reviews.page(productId, before == null ? null : before.id(), limit + 1);
        boolean more = rows.size() > limit;
        List<ReviewDocument> items = rows.stream().limit(limit).map(ReviewDocument::of).toList();
        String next = more ? Cursors.encode(scope, 0, items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    /** The product, followed to its new shard if its merchant moved (ShardMoved), else 404. */
    private Product requireProduct(UUID productId) {
        return products.findByIdOptional(productId)
                .orElseThrow(() -> guard.missing(productId, CatalogException.notFound("Product", productId)));
    }
}
