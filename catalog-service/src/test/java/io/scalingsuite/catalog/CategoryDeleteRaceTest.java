package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.RepeatedTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A category delete racing product creates into it on both shards: whichever wins, no product is left in a
 * category that is gone, and a refused delete leaves the category on both shards.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class CategoryDeleteRaceTest {

    private static final int CREATES = 6;

    @Inject
    ShardPools pools;

    @Inject
    Placement placement;

    @RepeatedTest(5)
    void shouldNeverLeaveAProductInADeletedCategory() throws Exception {
        ShardCategories shards = new ShardCategories(pools, placement);
        String id = Categories.create("Contested", null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            String merchant = shards.merchantOn(i % 2);
            calls.add(() -> given().contentType(ContentType.JSON).body(Fixtures.product(id, merchant))
                    .post("/api/catalog/products").statusCode());
        }
        calls.add(CREATES / 2, () -> Categories.delete(id, null).statusCode());

        List<Integer> statuses = all(calls);
        int deleted = statuses.get(CREATES / 2);
        List<Integer> creates = new ArrayList<>(statuses);
        creates.remove(CREATES / 2);

        long products = productsIn(id, 0) + productsIn(id, 1);
        if (deleted == 204) {
            assertTrue(creates.stream().allMatch(s -> s == 422), "every create after the delete refused: " + creates);
            assertEquals(0, products);
            assertFalse(shards.tree(0).containsKey(id) || shards.tree(1).containsKey(id));
        } else {
            assertEquals(409, deleted, "the delete either wins or is refused: " + statuses);
            assertTrue(creates.stream().allMatch(s -> s == 201 || s == 422), "no other answer: " + creates);
            assertEquals(creates.stream().filter(s -> s == 201).count(), products);
            await().atMost(Duration.ofSeconds(10)).until(shards::sameOnBoth); // copies a refusal removed
            assertTrue(shards.tree(1).containsKey(id));
        }
    }

    private long productsIn(String category, int shard) throws SQLException {
        try (Connection c = pools.get(shard).primary().getConnection(); PreparedStatement s = c
                .prepareStatement("SELECT count(*) FROM catalog.product WHERE category_id = ?")) {
            s.setObject(1, UUID.fromString(category));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Integer> all(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
