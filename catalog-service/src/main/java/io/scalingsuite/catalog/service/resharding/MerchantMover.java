package io.scalingsuite.catalog.service.resharding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.api.CatalogException;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Moves one merchant (its products, their reviews, and the Idempotency-Key records of their creates: see
 * {@link RowCopy}) to another shard while it keeps taking writes:
 * <ol>
 * <li>copy: the merchant's rows are copied to the target (replacing any earlier partial copy);</li>
 * <li>catch up: copied again, so writes that landed during the first copy are there too;</li>
 * <li>switch: under the merchant's advisory lock taken exclusively on the source (new writes wait, see
 * {@code MerchantGuard}), a last copy, a count check (products, reviews and records equal on both sides, else
 * nothing switches), directory rows on the source and the delete at the source, in one source transaction; the in-memory
 * placement changes after that transaction committed, never before (a failed commit routes nothing to the target).
 * Writers that waited then find the directory row and redo their write on the target.</li>
 * </ol>
 */
@ApplicationScoped
public class MerchantMover {

    /** What a move did. */
    public record Report(String merchantId, String from, String to, long products, long reviews,
            long idempotencyKeys) {
    }

    private final ShardPools pools;
    private final Placement placement;
    private final MeterRegistry registry;

    public MerchantMover(ShardPools pools, Placement placement, MeterRegistry registry) {
        this.pools = pools;
        this.placement = placement;
        this.registry = registry;
    }

    public Report move(String merchantId, String to) {
        Shard target = pools.all().stream().filter(s -> s.name().equals(to)).findFirst()
                .orElseThrow(() -> CatalogException.unprocessable("to", "There is no shard named '" + to + "'."));
        Shard source = placement.ofMerchant(merchantId);
        if (source == target) {
            throw CatalogException.conflict("Merchant '" + merchantId + "' already lives on shard " + to + ".");
        }
        try {
            try (Connection from = source.primary().getConnection()) {
                // Each pass reads one snapshot of the source, so a review never arrives without its product.
                from.setAutoCommit(false);
                from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                for (int pass = 0; pass < 2; pass++) {
                    RowCopy.copy(from, target, merchantId);
                    from.commit();
                }
            }
            long[] moved = switchOver(source, target, merchantId);
            registry.counter("catalog.shard.moves", "from", source.name(), "to", target.name()).increment();
            return new Report(merchantId, source.name(), target.name(), moved[0], moved[1], moved[2]);
        } catch (SQLException e) {
            throw new IllegalStateException("Moving a merchant failed; the source still holds it", e);
        }
    }

    private long[] switchOver(Shard source, Shard target, String merchantId) throws SQLException {
        try (Connection from = source.primary().getConnection()) {
            from.setAutoCommit(false);
            try {
                execute(from, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", merchantId);
                List<UUID> ids = RowCopy.copy(from, target, merchantId);
                long[] atSource = RowCopy.counts(from, merchantId);
                long[] atTarget;
                try (Connection into = target.primary().getConnection()) {
                    atTarget = RowCopy.counts(into, merchantId);
                    execute(into, "DELETE FROM catalog.merchant_directory WHERE merchant_id = ?", merchantId);
                }
                if (!Arrays.equals(atSource, atTarget)) {
                    throw new IllegalStateException("Counts differ after the copy; nothing was switched");
                }
                execute(from, "INSERT INTO catalog.merchant_directory VALUES (?, ?, now()) ON CONFLICT (merchant_id) "
                        + "DO UPDATE SET shard = excluded.shard, moved_at = now()", merchantId, target.name());
                try (PreparedStatement relocate = from.prepareStatement("INSERT INTO catalog.product_relocation "
                        + "VALUES (?, ?, now()) ON CONFLICT (product_id) DO UPDATE SET shard = excluded.shard, "
                        + "moved_at = now()")) {
                    for (UUID id : ids) {
                        relocate.setObject(1, id);
                        relocate.setString(2, target.name());
                        relocate.addBatch();
                    }
                    relocate.executeBatch();
                }
                RowCopy.delete(from, merchantId);
                from.commit();
                // Only now: a commit that fails (and rolls back) must leave reads and writes routed to the source.
                placement.moved(merchantId, ids, target.name());
                return atSource;
            } catch (SQLException | RuntimeException e) {
                from.rollback();
                throw e;
            }
        }
    }

    static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        }
    }
}
