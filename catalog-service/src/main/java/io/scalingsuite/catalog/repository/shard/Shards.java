package io.scalingsuite.catalog.repository.shard;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.catalog.Product;
import io.scalingsuite.catalog.repository.ProductRepository;

/**
 * The one way a use case reaches the shards: each method is one unit of work (a transaction) on the shard that
 * holds the rows, found through {@link Placement}. A write to a merchant's rows enters the merchant's guard
 * first, and every merchant- or product-bound call runs again on the new shard when it finds the merchant moved
 * meanwhile ({@link MoveRetry}); use cases see neither.
 */
@ApplicationScoped
public class Shards {

    private final ShardRouter router;
    private final Placement placement;
    private final MerchantGuard guard;
    private final ScatterGather scatter;
    private final ShardPools pools;
    private final ProductRepository products;

    public Shards(ShardRouter router, Placement placement, MerchantGuard guard, ScatterGather scatter,
            ShardPools pools, ProductRepository products) {
        this.router = router;
        this.placement = placement;
        this.guard = guard;
        this.scatter = scatter;
        this.pools = pools;
        this.products = products;
    }

    /** A write to the merchant's rows; {@code work} gets the shard (new ids carry its index). */
    public <T> T writeMerchant(String merchantId, Function<Shard, T> work) {
        return MoveRetry.retried(() -> {
            Shard shard = placement.ofMerchant(merchantId);
            return router.write(shard, () -> {
                guard.enter(merchantId, shard);
                return work.apply(shard);
            });
        });
    }

    /**
     * A write on the product's shard; {@code work} gets the product as stored, its merchant's guard entered, or
     * empty when there is no such product (one moved away with its merchant is followed to its new shard).
     */
    public <T> T writeProduct(UUID productId, BiFunction<Shard, Optional<Product>, T> work) {
        return MoveRetry.retried(() -> {
            Shard shard = placement.ofProduct(productId);
            return router.write(shard, () -> {
                Optional<Product> product = products.findByIdOptional(productId);
                if (product.isPresent()) {
                    guard.enter(product.get().merchantId, shard);
                } else {
                    followMove(productId);
                }
                return work.apply(shard, product);
            });
        });
    }

    /** A read on the product's shard; an empty answer there is followed to the new shard if the product moved. */
    public <T> Read<Optional<T>> readProduct(UUID productId, ConsistencyToken token, Supplier<Optional<T>> read) {
        return MoveRetry.retried(() -> router.read(placement.ofProduct(productId), token, () -> {
            Optional<T> answer = read.get();
            if (answer.isEmpty()) {
                followMove(productId);
            }
            return answer;
        }));
    }

    /** A read on the merchant's shard. */
    public <T> Read<T> readMerchant(String merchantId, ConsistencyToken token, Callable<T> read) {
        return router.read(placement.ofMerchant(merchantId), token, read);
    }

    /** The same read on every shard at once (see {@link ScatterGather}). */
    public <T> Read<List<T>> readEvery(ConsistencyToken token, Function<Shard, T> read) {
        return scatter.onEveryShard(token, read);
    }

    /** A write of reference data (categories) on the first shard, which is authoritative for it. */
    public <T> T writeFirst(Callable<T> work) {
        return router.write(pools.first(), work);
    }

    /** The same write on every shard but the first, one transaction each (copies of reference data). */
    public void writeOthers(Callable<?> work) {
        for (Shard shard : pools.all().subList(1, pools.all().size())) {
            router.write(shard, work);
        }
    }

    /** A read on the first shard's primary, never a replica: the authority's current answer for reference data. */
    public <T> T onFirstPrimary(Callable<T> read) {
        return router.readPrimary(pools.first(), read);
    }

    /** A read of reference data on the first shard. */
    public <T> T readFirst(Callable<T> read) {
        return router.read(pools.first(), null, read).value();
    }

    /** Throws ShardMoved (so the call is retried on the new shard) if the product's merchant moved away. */
    private void followMove(UUID productId) {
        RuntimeException moved = guard.missing(productId, null);
        if (moved != null) {
            throw moved;
        }
    }
}
