package io.scalingsuite.catalog.repository.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalingsuite.catalog.repository.CategoryRepository;

/**
 * Makes the category copies on every other shard equal to the first shard's rows, which are the authority. A pass
 * holds the authority's category lock ({@link CategoryRepository#COPIES_LOCK}, a transaction-scoped advisory lock
 * that a category delete holds too, so no pass restores a copy the delete removed before its commit) and, per
 * other shard in a transaction of its own there, compares fingerprints (ids and versions) and, when they differ,
 * narrows the difference down by bucket ({@link CategoryBuckets}), upserts the authority rows newer than the copy
 * and deletes the copies the authority no longer has, reading and writing only those rows. Idempotent:
 * a pass over equal copies writes nothing. It runs after each category write and every
 * {@code catalog.categories.repair-interval} ({@link CategoryCopyKeeper}), so a shard that was down or failed a
 * pass is brought up to date within one interval of answering again.
 */
@ApplicationScoped
public class CategoryReplicator {

    private static final Logger LOG = Logger.getLogger(CategoryReplicator.class);

    private final ShardPools pools;
    private final MeterRegistry registry;

    public CategoryReplicator(ShardPools pools, MeterRegistry registry) {
        this.pools = pools;
        this.registry = registry;
    }

    /** Brings every copy up to the authority, waiting for the lock; the names of the shards that failed. */
    public List<String> replicate() {
        return pass(true);
    }

    /**
     * After a category write committed: a pass now, whose failures (a shard down, the authority gone meanwhile)
     * are logged and left to the keeper, never turned into the committed write's answer.
     */
    public void afterWrite() {
        try {
            replicate();
        } catch (RuntimeException e) {
            LOG.warnf("Category copies left to the repair pass: %s", e.getMessage());
        }
    }

    /** As {@link #replicate()}, but does nothing while another pass or a delete holds the lock. */
    public List<String> replicateIfFree() {
        return pass(false);
    }

    private List<String> pass(boolean wait) {
        if (pools.all().size() < 2) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection authority = pools.first().primary().getConnection()) {
                if (!lock(authority, wait)) {
                    return List.of();
                }
                AuthorityCategories source = new AuthorityCategories(authority);
                List<String> failed = new ArrayList<>();
                for (Shard shard : pools.all().subList(1, pools.all().size())) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> applyTo(shard, source));
                    } catch (RuntimeException e) {
                        failed.add(shard.name());
                        registry.counter("catalog.category.copy.failures", "shard", shard.name()).increment();
                        LOG.warnf("Category copies on shard %s not brought up to date, retrying: %s", shard.name(),
                                e.getMessage());
                    }
                }
                return failed;
            }
        });
    }

    /**
     * Equal fingerprints: nothing to do. Else only the differing buckets' ids and versions are compared and only the
     * authority rows newer than the copy's are read in full, so the work follows the drift, not the tree's size.
     */
    private void applyTo(Shard shard, AuthorityCategories source) {
        try (Connection copy = shard.primary().getConnection()) {
            if (source.fingerprint().equals(CategoryCopies.fingerprint(copy))) {
                return;
            }
            Set<Integer> buckets = CategoryBuckets.differing(source.buckets(), CategoryBuckets.fingerprints(copy));
            Map<UUID, Long> copies = CategoryBuckets.versions(copy, buckets);
            Map<UUID, Long> kept = source.versions(buckets);
            List<UUID> newer = kept.entrySet().stream()
                    .filter(e -> copies.getOrDefault(e.getKey(), -1L) < e.getValue()).map(Map.Entry::getKey).toList();
            List<UUID> gone = copies.keySet().stream().filter(id -> !kept.containsKey(id)).toList();
            List<CategoryCopies.Row> rows = source.rows(newer);
            registry.counter("catalog.category.copy.fetched", "shard", shard.name()).increment(rows.size());
            CategoryCopies.deferConstraints(copy);
            int upserted = CategoryCopies.upsert(copy, rows);
            int deleted = CategoryCopies.delete(copy, gone);
            registry.counter("catalog.category.copy.repairs", "shard", shard.name(), "action", "upsert")
                    .increment(upserted);
            registry.counter("catalog.category.copy.repairs", "shard", shard.name(), "action", "delete")
                    .increment(deleted);
            LOG.debugf("Shard %s: %d of %d buckets differed, %d rows upserted, %d deleted", shard.name(),
                    buckets.size(), CategoryBuckets.COUNT, upserted, deleted);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static boolean lock(Connection authority, boolean wait) throws SQLException {
        String sql = wait ? "SELECT pg_advisory_xact_lock(?), true" : "SELECT true, pg_try_advisory_xact_lock(?)";
        try (PreparedStatement s = authority.prepareStatement(sql)) {
            s.setLong(1, CategoryRepository.COPIES_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(2);
            }
        }
    }
}
