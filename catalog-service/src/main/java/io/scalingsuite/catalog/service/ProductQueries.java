package io.scalingsuite.catalog.service;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.scalingsuite.catalog.api.CachedProduct;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.api.Cursors;
import io.scalingsuite.catalog.api.SparseFields;
import io.scalingsuite.catalog.cache.CacheKey;
import io.scalingsuite.catalog.cache.ProductCacheKeys;
import io.scalingsuite.catalog.cache.ReadThroughCache;
import io.scalingsuite.catalog.cache.SparseRenderings;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.repository.ProductFilter;
import io.scalingsuite.catalog.repository.shard.ConsistencyToken;
import io.scalingsuite.catalog.repository.shard.Read;
import io.scalingsuite.catalog.repository.shard.ShardPools;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Product reads, cache first. Both methods complete on the I/O thread when Redis has the answer. With replicas,
 * a read carrying a consistency token skips the cache (an entry may have been filled from a replica behind the
 * token), and an entry a replica served lives at most {@code catalog.replicas.max-lag}.
 */
@ApplicationScoped
public class ProductQueries {

    private final ReadThroughCache cache;
    private final ProductCacheKeys keys;
    private final ProductLoader loader;
    private final CatalogConfig config;
    private final SparseRenderings sparse;
    private final boolean replicas;

    public ProductQueries(ReadThroughCache cache, ProductCacheKeys keys, ProductLoader loader, CatalogConfig config,
            SparseRenderings sparse, ShardPools pools) {
        this.replicas = pools.all().stream().anyMatch(s -> !s.replicas().isEmpty());
        this.cache = cache;
        this.keys = keys;
        this.loader = loader;
        this.config = config;
        this.sparse = sparse;
    }

    /** The product, whole or reduced to {@code fields} (cut from the whole: SparseRenderings), and what served it. */
    public Uni<Served<Optional<CachedProduct>>> byId(UUID id, SparseFields fields, ConsistencyToken token) {
        Uni<Served<String>> read = replicas && token != null ? direct(() -> loader.productEntry(id, token))
                : cached(keys.product(id), () -> loader.productEntry(id, null), config.cache().productTtl());
        return read.map(served -> served.map(
                entry -> CachedProduct.decode(entry).map(p -> fields == null ? p : sparse.select(id, p, fields))));
    }

    /** One page as JSON, and what served it; {@code cursor} is checked (400) before anything is looked up. */
    public Uni<Served<String>> page(ProductFilter filter, String cursor, int limit, SparseFields fields,
            ConsistencyToken token) {
        Cursors.Position after = Cursors.decode(cursor, filter.canonical());
        String query = filter.canonical() + "&after=" + (cursor == null ? "" : cursor) + "&limit=" + limit
                + "&fields=" + (fields == null ? "" : fields.key());
        if (replicas && token != null) {
            return direct(() -> loader.page(filter, after, limit, fields, token));
        }
        return cached(keys.listing(query), () -> loader.page(filter, after, limit, fields, null),
                config.cache().listingTtl());
    }

    /** Through the cache: served by it, unless this call's load ran (then by whichever node that load read). */
    private Uni<Served<String>> cached(CacheKey key, Supplier<Read<String>> load, Duration ttl) {
        AtomicReference<Served.Source> source = new AtomicReference<>(Served.Source.CACHE);
        return cache.get(key, () -> {
            Read<String> read = load.get();
            source.set(read.fromReplica() ? Served.Source.REPLICA : Served.Source.PRIMARY);
            return entry(read, ttl);
        }).map(value -> new Served<>(value, source.get()));
    }

    /** A read a replica answered is kept no longer than the replica may lag. */
    private ReadThroughCache.Entry entry(Read<String> read, Duration configured) {
        Duration bound = config.replicas().maxLag();
        return new ReadThroughCache.Entry(read.value(),
                read.fromReplica() && bound.compareTo(configured) < 0 ? bound : configured);
    }

    private static Uni<Served<String>> direct(Supplier<Read<String>> load) {
        return Uni.createFrom().item(() -> Served.of(load.get()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The limit to use: the default when absent, at most the configured maximum, 400 below 1. */
    public int limit(Integer requested) {
        if (requested == null) {
            return config.paging().defaultLimit();
        }
        int max = config.paging().maxLimit();
        if (requested < 1 || requested > max) {
            throw CatalogException.invalid("limit", "must be from 1 to " + max);
        }
        return requested;
    }
}
