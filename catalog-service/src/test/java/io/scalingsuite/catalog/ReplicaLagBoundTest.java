package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;

/**
 * The lag bound: once the replica's replay falls more than a second behind, it leaves rotation and even reads
 * without a token see the latest writes (from the primary); {@code catalog.replica.lag} shows the lag.
 */
@QuarkusTest
@TestProfile(ShardWithTightLagBound.class)
class ReplicaLagBoundTest {

    @Inject
    MeterRegistry registry;

    @Inject
    Placement placement;

    @Test
    void shouldTakeALaggingReplicaOutOfRotation() {
        String category = Fixtures.category();
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 0);
        ShardWithReplica.pair().pauseReplay();
        try {
            String id = Fixtures.createProduct(category, merchant);
            await().atMost(Duration.ofSeconds(10)).until(() -> lag() > 1.0);
            double before = fallbacks();
            given().get("/api/catalog/products/" + id).then().statusCode(200).body("id", equalTo(id));
            assertTrue(fallbacks() > before, "the read fell back to the primary");
        } finally {
            ShardWithReplica.pair().resumeReplay();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 0.0);
    }

    private double lag() {
        Gauge gauge = registry.find("catalog.replica.lag").tag("shard", "s0").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private double fallbacks() {
        return registry.find("catalog.replica.fallbacks").tag("shard", "s0").tag("reason", "unavailable").counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
