package io.scalingsuite.catalog.repository.shard;

import java.util.function.Supplier;

import io.scalingsuite.catalog.api.CatalogException;

/**
 * Runs a shard-bound call again when it finds that its merchant moved to another shard meanwhile
 * ({@link MerchantGuard.ShardMoved}): the retry looks the shard up afresh. Three attempts, then 503.
 */
final class MoveRetry {

    private MoveRetry() {
    }

    static <T> T retried(Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (MerchantGuard.ShardMoved moved) {
                if (attempt == 3) {
                    throw CatalogException.unavailable("The merchant is being moved between shards; try again.");
                }
            }
        }
    }
}
