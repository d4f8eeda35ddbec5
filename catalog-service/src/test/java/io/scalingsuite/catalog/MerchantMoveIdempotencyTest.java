package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * A merchant's Idempotency-Key records move with it: a create retried with its key after the merchant moved to
 * another shard gets its first answer again instead of a second product.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class MerchantMoveIdempotencyTest {

    private static final String PRODUCTS = "/api/catalog/products";

    @Inject
    Placement placement;

    @Inject
    ShardPools pools;

    private static Response post(String path, String key, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(path)
                .then().extract().response();
    }

    private static void move(String merchant) {
        given().post("/api/catalog/admin/merchants/" + merchant + "/move?to=s1").then().statusCode(200)
                .body("to", equalTo("s1"));
    }

    @Test
    void shouldReplayAProductCreateRetriedAfterItsMerchantMoved() {
        String merchant = merchantOn(0);
        Map<String, Object> body = Fixtures.product(Fixtures.category(), merchant);
        String key = UUID.randomUUID().toString();
        Response first = post(PRODUCTS, key, body).then().statusCode(201).extract().response();

        move(merchant);

        post(PRODUCTS, key, body).then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id")));
        given().queryParam("merchantId", merchant).get(PRODUCTS).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldReplayAReviewRetriedAfterItsMerchantMoved() {
        String merchant = merchantOn(0);
        String reviews = PRODUCTS + "/" + Fixtures.createProduct(Fixtures.category(), merchant) + "/reviews";
        Map<String, Object> review = Map.of("rating", 4, "title", "Solid");
        String key = UUID.randomUUID().toString();
        String first = post(reviews, key, review).then().statusCode(201).extract().path("id");

        move(merchant);

        post(reviews, key, review).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first));
        given().get(reviews).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldLeaveNoIdempotencyRecordOfAMovedMerchantAtTheSource() throws SQLException {
        String merchant = merchantOn(0);
        String key = UUID.randomUUID().toString();
        String id = post(PRODUCTS, key, Fixtures.product(Fixtures.category(), merchant)).then().statusCode(201)
                .extract().path("id");

        move(merchant);

        assertEquals(0, records(0, List.of(id)), "no record left on s0");
        assertEquals(1, records(1, List.of(id)), "exactly one record on s1");
    }

    @Test
    void shouldReplayEveryKeyedCreateAcknowledgedWhileTheMerchantMoved() throws Exception {
        String category = Fixtures.category();
        String merchant = merchantOn(0);
        Map<String, Map<String, Object>> bodies = new ConcurrentHashMap<>();
        Map<String, String> ids = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        Semaphore acknowledged = new Semaphore(0);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    String key = UUID.randomUUID().toString();
                    Map<String, Object> body = Fixtures.product(category, merchant);
                    Response r = post(PRODUCTS, key, body);
                    if (r.statusCode() == 201) {
                        bodies.put(key, body);
                        ids.put(key, r.path("id"));
                        acknowledged.release();
                    } else {
                        failures.add(r.statusCode() + " " + r.asString());
                    }
                }
            }, "keyed-writer");
            writer.start();
            writers.add(writer);
        }
        assertTrue(acknowledged.tryAcquire(5, 30, TimeUnit.SECONDS), "the writers are under way before the move");
        move(merchant);
        acknowledged.drainPermits();
        assertTrue(acknowledged.tryAcquire(5, 30, TimeUnit.SECONDS), "the writers go on after the move");
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }

        assertEquals(List.of(), failures, "every create was acknowledged");
        ids.forEach((key, id) -> post(PRODUCTS, key, bodies.get(key)).then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo(id)));
        assertEquals(ids.size(), records(1, ids.values()), "one record per acknowledged create, on s1");
        assertEquals(0, records(0, ids.values()), "none left on s0");
    }

    @Test
    void shouldRefuseAMoveWhenTheSameCallersKeyIsTakenOnTheTarget() {
        String category = Fixtures.category();
        String moving = merchantOn(0);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.product(category, moving);
        String id = post(PRODUCTS, key, body).then().statusCode(201).extract().path("id");
        post(PRODUCTS, key, Fixtures.product(category, merchantOn(1))).then().statusCode(201); // s1's own record

        given().post("/api/catalog/admin/merchants/" + moving + "/move?to=s1").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/conflict"));

        assertEquals(0, placement.ofMerchant(moving).index(), "the merchant stays on s0");
        post(PRODUCTS, key, body).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(id));
    }

    private String merchantOn(int shard) {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != shard);
        return merchant;
    }

    /** How many Idempotency-Key records on a shard point at these products. */
    private long records(int shard, Collection<String> productIds) throws SQLException {
        try (Connection c = pools.get(shard).primary().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM catalog.idempotency_key WHERE resource_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", productIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
