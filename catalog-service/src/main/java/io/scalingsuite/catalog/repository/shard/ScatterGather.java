package io.scalingsuite.catalog.repository.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * Runs one read on every shard at once and waits for all answers, each within
 * {@code catalog.scatter.shard-timeout}. A shard that fails or is late fails the whole request (503): a partial
 * answer would silently drop rows from a page. With one shard the read runs on the caller's thread. The reads run
 * on at most {@code catalog.scatter.threads} threads; when those and a queue as long are busy, a listing answers
 * 503 at once (counted in {@code catalog.scatter.rejections}) rather than piling up threads or waiting.
 */
@ApplicationScoped
public class ScatterGather {

    private final ShardPools pools;
    private final ShardRouter router;
    private final CatalogConfig.Scatter config;
    private final MeterRegistry registry;
    private final ExecutorService executor;

    public ScatterGather(ShardPools pools, ShardRouter router, CatalogConfig config, MeterRegistry registry) {
        this.pools = pools;
        this.router = router;
        this.config = config.scatter();
        this.registry = registry;
        this.executor = boundedPool(this.config.threads());
    }

    /**
     * {@code threads} threads shared by all requests, idle ones stopped after a minute; as many shard reads again
     * may wait for one, and beyond that the executor refuses the read (the listing answers 503).
     */
    private static ExecutorService boundedPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(threads), r -> {
                    Thread thread = new Thread(r, "scatter-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Each shard's answer to {@code read}, in shard order; from a replica if any shard's replica answered. */
    public <T> Read<List<T>> onEveryShard(ConsistencyToken token, Function<Shard, T> read) {
        List<Shard> shards = pools.all();
        if (shards.size() == 1) {
            Shard only = shards.get(0);
            Read<T> answer = router.read(only, token, () -> read.apply(only));
            return new Read<>(List.of(answer.value()), answer.fromReplica());
        }
        List<CompletableFuture<Read<T>>> calls = new ArrayList<>();
        for (Shard shard : shards) {
            try {
                calls.add(CompletableFuture.supplyAsync(() -> router.read(shard, token, () -> read.apply(shard)),
                        executor));
            } catch (RejectedExecutionException full) {
                registry.counter("catalog.scatter.rejections").increment();
                calls.forEach(call -> call.cancel(true));
                throw CatalogException.unavailable("The catalog is answering too many listings; try again.");
            }
        }
        List<T> answers = new ArrayList<>();
        boolean fromReplica = false;
        long deadline = System.nanoTime() + config.shardTimeout().toNanos();
        for (int i = 0; i < calls.size(); i++) {
            try {
                Read<T> answer = calls.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                answers.add(answer.value());
                fromReplica |= answer.fromReplica();
            } catch (TimeoutException e) {
                registry.counter("catalog.shard.timeouts", "shard", shards.get(i).name()).increment();
                calls.forEach(call -> call.cancel(true));
                throw CatalogException.unavailable("A catalog shard did not answer in time; try again.");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CatalogException.unavailable("Interrupted while reading the catalog shards.");
            }
        }
        return new Read<>(answers, fromReplica);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
