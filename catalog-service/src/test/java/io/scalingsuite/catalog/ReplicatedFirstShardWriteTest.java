package io.scalingsuite.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.shard.Placement;

/**
 * A product write on the second shard checks its category on the first shard's primary, inside its own shard's
 * transaction; with replicas on the first shard that check must not join the write's transaction (it once
 * fetched the first shard's WAL position there and every such create answered 500).
 */
@QuarkusTest
@TestProfile(ReplicatedFirstShard.class)
class ReplicatedFirstShardWriteTest {

    @Inject
    Placement placement;

    @Test
    void shouldCreateAProductOnTheSecondShardWhileTheFirstHasAReplica() {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 1);
        Fixtures.create(Fixtures.product(Fixtures.category(), merchant)).then().statusCode(201)
                .body("merchantId", equalTo(merchant)).body("id", notNullValue())
                .header("ETag", equalTo("\"0\""));
    }
}
