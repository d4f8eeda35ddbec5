package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scalingsuite.catalog.repository.shard.Placement;

/**
 * Reads on a real streaming replica: they go there normally; with replay paused, a read carrying the token of a
 * fresh write is served by the primary and sees it while a read without the token is served stale by the replica;
 * with the replica killed, reads keep answering from the primary. {@code X-Served-By} names the node that answered.
 */
@QuarkusTest
@TestProfile(ShardWithReplica.class)
class ReplicaRoutingTest {

    private static final String TOKEN = "X-Consistency-Token";
    private static final String SERVED_BY = "X-Served-By";

    @Inject
    MeterRegistry registry;

    @Inject
    Placement placement;

    @Test
    void shouldServeReadsFromTheReplica() {
        String id = Fixtures.createProduct(Fixtures.category(), merchantOnFirstShard());
        double before = ShardCounts.routed(registry, "s0", "replica");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/api/catalog/products/" + id).then().statusCode(200).body("id", equalTo(id)));
        assertTrue(ShardCounts.routed(registry, "s0", "replica") > before, "the replica answered");
    }

    @Test
    void shouldReadOwnWriteWithTheTokenWhileReplayIsPaused() {
        String category = Fixtures.category();
        String merchant = merchantOnFirstShard();
        ShardWithReplica.pair().pauseReplay();
        try {
            Response created = Fixtures.create(Fixtures.product(category, merchant));
            String id = created.path("id");
            String token = created.header(TOKEN);
            assertNotNull(token, "a write on a shard with replicas answers a consistency token");
            double fallbacks = fallbacks("token");
            given().header(TOKEN, token).get("/api/catalog/products/" + id).then().statusCode(200)
                    .body("id", equalTo(id));
            given().header(TOKEN, token).queryParam("merchantId", merchant).get("/api/catalog/products").then()
                    .statusCode(200).body("items.id", equalTo(java.util.List.of(id)));
            assertTrue(fallbacks("token") >= fallbacks + 2, "both reads went to the primary for the token");
            given().get("/api/catalog/products/" + id).then().statusCode(404);
        } finally {
            ShardWithReplica.pair().resumeReplay();
        }
    }

    @Test
    void shouldNameTheNodeThatServedEachRead() {
        String merchant = merchantOnFirstShard();
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/catalog/products/" + id).then()
                .statusCode(200).header(SERVED_BY, equalTo("replica")));
        ShardWithReplica.pair().pauseReplay();
        try {
            String token = given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                    .body("{\"stock\": 2}").patch("/api/catalog/products/" + id).then().statusCode(200)
                    .extract().header(TOKEN);
            given().header(TOKEN, token).get("/api/catalog/products/" + id).then().statusCode(200)
                    .header("ETag", equalTo("\"1\"")).header(SERVED_BY, equalTo("primary"));
            given().header(TOKEN, token).queryParam("merchantId", merchant).get("/api/catalog/products").then()
                    .statusCode(200).header(SERVED_BY, equalTo("primary"));
            given().get("/api/catalog/products/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                    .header(SERVED_BY, equalTo("replica"));
            given().queryParam("merchantId", merchant).get("/api/catalog/products").then().statusCode(200)
                    .header(SERVED_BY, equalTo("replica"));
        } finally {
            ShardWithReplica.pair().resumeReplay();
        }
    }

    @Test
    void shouldReadFromThePrimaryForATokenThatNamesEveryShard() {
        String id = Fixtures.createProduct(Fixtures.category(), merchantOnFirstShard());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/catalog/products/" + id).then()
                .statusCode(200).header(SERVED_BY, equalTo("replica")));
        // base64url of v1;*=FFFFFFFF/FFFFFFFF, what the gateway sends when it cannot read a key's own token
        given().header(TOKEN, "djE7Kj1GRkZGRkZGRi9GRkZGRkZGRg").get("/api/catalog/products/" + id).then()
                .statusCode(200).header(SERVED_BY, equalTo("primary"));
    }

    @Test
    void shouldKeepAnsweringFromThePrimaryWhenTheReplicaDies() {
        String merchant = merchantOnFirstShard();
        String id = Fixtures.createProduct(Fixtures.category(), merchant);
        ShardWithReplica.pair().stopReplica();
        try {
            for (int i = 0; i < 10; i++) {
                given().get("/api/catalog/products/" + id).then().statusCode(200).body("id", equalTo(id));
                given().queryParam("merchantId", merchant).get("/api/catalog/products").then().statusCode(200)
                        .body("items.id", equalTo(java.util.List.of(id)));
            }
            assertTrue(fallbacks("failure") + fallbacks("unavailable") > 0, "reads fell back to the primary");
        } finally {
            ShardWithReplica.pair().startReplica();
        }
        double before = ShardCounts.routed(registry, "s0", "replica");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().get("/api/catalog/products/" + id).then().statusCode(200);
            assertTrue(ShardCounts.routed(registry, "s0", "replica") > before, "the replica is back in rotation");
        });
    }

    private String merchantOnFirstShard() {
        String merchant;
        do {
            merchant = Fixtures.unique("m");
        } while (placement.ofMerchant(merchant).index() != 0);
        return merchant;
    }

    private double fallbacks(String reason) {
        return registry.find("catalog.replica.fallbacks").tag("shard", "s0").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
