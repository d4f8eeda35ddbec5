package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;

/**
 * A replica a fraction of the lag bound behind stays in rotation after a quiet spell: its lag is the age of the
 * newest primary position it has replayed, not the age of its last replayed transaction (which, after a quiet second,
 * made the first commit look like a second of lag and sent every read to the primary).
 */
@QuarkusTest
@TestProfile(ShardWithTightLagBound.class)
class ReplicaLagAfterQuietTest {

    /** Well under the profile's lag bound of one second. */
    private static final Duration APPLY_DELAY = Duration.ofMillis(300);

    @Inject
    MeterRegistry registry;

    @Inject
    Placement placement;

    @Test
    void shouldKeepAReplicaInRotationWhenItIsBehindByLessThanTheBoundAfterAQuietSpell() {
        String category = Fixtures.category();
        String merchant;
        do {
            merchant = Fixtures.unique("m"); // on s0, the shard with the replica (the two-shard run adds s1)
        } while (placement.ofMerchant(merchant).index() != 0);
        String older = Fixtures.createProduct(category, merchant);
        ShardWithReplica.pair().delayReplay(APPLY_DELAY);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 0.0);
            // the quiet spell is the condition under test: no commit on the shard for longer than the lag bound
            await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
            Fixtures.createProduct(category, merchant);
            double worst = 0;
            long until = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            while (System.nanoTime() < until) {
                double lag = lag();
                worst = Math.max(worst, lag);
                String servedBy = given().get("/api/catalog/products/" + older).then().statusCode(200)
                        .body("id", equalTo(older)).extract().header("X-Served-By");
                assertEquals("replica", servedBy, "a read while the replica's measured lag was " + lag + " s");
            }
            assertTrue(worst < 1.0, "lag measured " + worst + " s for a replica " + APPLY_DELAY + " behind");
        } finally {
            ShardWithReplica.pair().delayReplay(Duration.ZERO);
        }
    }

    private double lag() {
        Gauge gauge = registry.find("catalog.replica.lag").tag("shard", "s0").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}
