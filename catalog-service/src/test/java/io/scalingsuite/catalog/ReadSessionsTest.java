package io.scalingsuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scalingsuite.catalog.repository.ProductRepository;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.Shards;

/**
 * Reads run without a JTA transaction (issue 21: its begin and commit were a tenth of a product read's CPU), each in
 * a session of its own opened for its shard, so that one request reading two shards reads each on its own.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class ReadSessionsTest {

    @Inject
    Shards shards;

    @Inject
    ProductRepository products;

    @Inject
    Placement placement;

    @Test
    void shouldReadWithoutATransaction() {
        UUID id = UUID.fromString(Fixtures.createProduct(Fixtures.category(), Fixtures.unique("m")));

        Optional<Boolean> inTransaction = shards.readProduct(id, null,
                () -> products.findByIdOptional(id).map(p -> QuarkusTransaction.isActive())).value();

        assertEquals(Optional.of(false), inTransaction);
    }

    @Test
    void shouldReadTwoShardsInOneRequestEachThroughItsOwnSession() {
        String category = Fixtures.category();
        UUID onFirst = productOnShard(category, 0);
        UUID onSecond = productOnShard(category, 1);
        InjectableContext.ContextState request = Arc.container().requestContext().getState();

        assertEquals(Optional.of(onFirst), shards.readProduct(onFirst, null,
                () -> products.findByIdOptional(onFirst).map(p -> p.id)).value());
        assertEquals(Optional.of(onSecond), shards.readProduct(onSecond, null,
                () -> products.findByIdOptional(onSecond).map(p -> p.id)).value());
        assertSame(request, Arc.container().requestContext().getState(), "the caller's request context is back");
    }

    @Test
    void shouldReadInsideATransactionInOneOfItsOwn() {
        UUID id = productOnShard(Fixtures.category(), 1);

        Optional<UUID> read = QuarkusTransaction.requiringNew().call(() -> shards.readProduct(id, null,
                () -> products.findByIdOptional(id).map(p -> p.id)).value());

        assertEquals(Optional.of(id), read);
        assertFalse(QuarkusTransaction.isActive());
    }

    private UUID productOnShard(String category, int shard) {
        for (int i = 0; i < 64; i++) {
            String merchant = Fixtures.unique("m");
            if (placement.ofMerchant(merchant).index() == shard) {
                return UUID.fromString(Fixtures.createProduct(category, merchant));
            }
        }
        throw new IllegalStateException("no merchant of 64 placed on shard " + shard);
    }
}
