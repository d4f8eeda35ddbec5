package io.scalingsuite.catalog.repository.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * answer would silently drop rows from a page. With one shard the read runs on the caller's thread.
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
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "scatter-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Each shard's answer to {@code read}, in shard order. */
    public <T> List<T> onEveryShard(ConsistencyToken token, Function<Shard, T> read) {
        List<Shard> shards = pools.all();
        if (shards.size() == 1) {
            Shard only = shards.get(0);
            return List.of(router.read(only, token, () -> read.apply(only)));
        }
        List<CompletableFuture<T>> calls = new ArrayList<>();
        AtomicBoolean replica = new AtomicBoolean();
        for (Shard shard : shards) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                T answer = router.read(shard, token, () -> read.apply(shard));
                if (ShardRouter.servedByReplica()) {
                    replica.set(true);
                }
                return answer;
            }, executor));
        }
        List<T> answers = new ArrayList<>();
        long deadline = System.nanoTime() + config.shardTimeout().toNanos();
        for (int i = 0; i < calls.size(); i++) {
            try {
                answers.add(calls.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
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
        ShardRouter.servedByReplica(replica.get());
        return answers;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
