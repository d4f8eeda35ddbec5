package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scalingsuite.catalog.repository.shard.Placement;
import io.scalingsuite.catalog.repository.shard.Shard;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * Moving a merchant to the other shard while clients keep creating and changing its products: every write that
 * was acknowledged is there afterwards, on the target shard only, and reads by id and by merchant find it.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class MerchantMoveTest {

    @Inject
    Placement placement;

    @Inject
    ShardPools pools;

    @Test
    void shouldLoseNoWriteWhileAMerchantMoves() throws Exception {
        String category = Fixtures.category();
        String merchant = merchantOn(0);
        Set<String> created = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            created.add(Fixtures.createProduct(category, merchant));
        }
        String reviewed = created.iterator().next();
        given().contentType(ContentType.JSON).body(Map.of("rating", 5, "title", "Good"))
                .post("/api/catalog/products/" + reviewed + "/reviews").then().statusCode(201);
        List<String> existing = new ArrayList<>(created);
        Map<String, Integer> lastStock = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(started(() -> {
                while (running.get()) {
                    Response r = given().contentType(ContentType.JSON).body(Fixtures.product(category, merchant))
                            .post("/api/catalog/products");
                    if (r.statusCode() == 201) {
                        created.add(r.path("id"));
                    } else {
                        failures.add("create " + r.statusCode() + " " + r.asString());
                    }
                }
            }));
        }
        writers.add(started(() -> {
            for (int n = 0; running.get(); n++) {
                String id = existing.get(n % existing.size());
                Response current = given().get("/api/catalog/products/" + id);
                Response r =
                        given().contentType("application/merge-patch+json").header("If-Match", current.header("ETag"))
                                .body(Map.of("stock", 1000 + n)).patch("/api/catalog/products/" + id);
                if (r.statusCode() == 200) {
                    lastStock.put(id, 1000 + n);
                } else if (r.statusCode() != 412) {
                    failures.add("patch " + r.statusCode() + " " + r.asString());
                }
            }
        }));
        awaitMoreCreates(created, 5); // the writers are under way before the move...
        given().post("/api/catalog/admin/merchants/" + merchant + "/move?to=s1").then().statusCode(200)
                .body("from", equalTo("s0")).body("to", equalTo("s1"));
        awaitMoreCreates(created, 5); // ...and go on after it
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }

        assertEquals(List.of(), failures, "every write was acknowledged or a clean 412");
        assertEquals(1, placement.ofMerchant(merchant).index(), "the merchant now lives on s1");
        assertEquals(0, count(pools.get(0), merchant), "nothing left at the source");
        assertEquals(created.size(), count(pools.get(1), merchant), "every created product on the target");
        assertEquals(created, listed(merchant), "the merchant's listing has every acknowledged product");
        lastStock.forEach((id, stock) -> given().get("/api/catalog/products/" + id).then().statusCode(200)
                .body("stock", equalTo(stock)));
        given().get("/api/catalog/products/" + reviewed + "/reviews").then().statusCode(200)
                .body("items.size()", equalTo(1));
        assertTrue(created.size() > 20, "writes ran during the move");
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "move-test-writer");
        thread.start();
        return thread;
    }

    private Set<String> listed(String merchant) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            var request = given().queryParam("merchantId", merchant).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/catalog/products").then().statusCode(200).extract().response();
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    /** Waits (at most 30 s) until the writers have had {@code more} further creates acknowledged. */
    private static void awaitMoreCreates(Set<String> created, int more) throws InterruptedException {
        int target = created.size() + more;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (created.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(created.size() >= target, "the writers stalled: " + created.size() + " creates");
    }

    private String merchantOn(int shard) {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != shard);
        return merchant;
    }

    private static long count(Shard shard, String merchant) throws SQLException {
        try (Connection c = shard.primary().getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM catalog.product WHERE merchant_id = ?")) {
            s.setString(1, merchant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
