package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A move made by another instance (its directory row on the source shard, which this instance never wrote) is
 * picked up by the periodic re-read, so this instance's merchant listings follow it without a restart.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class MoveDirectoryRefreshTest {

    @Inject
    Placement placement;

    @Inject
    ShardPools pools;

    @Test
    void shouldFollowAMoveRecordedByAnotherInstance() throws Exception {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 0);
        try (Connection c = pools.get(0).primary().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO catalog.merchant_directory VALUES (?, ?, now())")) {
            ps.setString(1, merchant);
            ps.setString(2, pools.get(1).name());
            ps.executeUpdate();
        }
        // The re-read runs on a timer (catalog.moves.directory-refresh, PT2S): allow two and a half periods.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen = placement.ofMerchant(merchant).name();
        while (!seen.equals(pools.get(1).name()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = placement.ofMerchant(merchant).name();
        }
        assertEquals(pools.get(1).name(), seen, "the merchant's shard after another instance's move");
    }
}
