package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.devinfra.SignedTestRequests;

/** Dead letters: what goes there (only what fails while the database answers) and how it comes back. */
@QuarkusTest
class DeadLetterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CallerSignature SIGNER = SignedTestRequests.signer(
            ConfigProvider.getConfig().getValue("suite.internal-auth.keys", String.class));

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @Test
    void shouldParkAnEventThatKeepsFailingWhileTheDatabaseAnswers() {
        UUID product = UUID.randomUUID();
        Map<String, Object> tooLong = new java.util.HashMap<>(
                CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));
        tooLong.put("name", "x".repeat(300)); // the card's name column holds 200: PostgreSQL refuses it every time
        new CatalogStream(redis, key).publish("ProductCreated", product, 0, tooLong);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadOf(product).size() == 1);
        String reason = deadOf(product).get(0).get("reason");
        assertTrue(reason.startsWith("failed 5 times while the database answered"), reason);
    }

    @Test
    void shouldReplayDeadLettersIdempotentlyAndRemoveThem() throws Exception {
        UUID product = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        deadLetter(UUID.randomUUID(), "ProductCreated", product,
                CatalogStream.product(product, UUID.randomUUID(), "acme", 100, 1));
        Map<String, Object> reviewPayload = CatalogStream.review(review, product, 4, "2026-01-01T00:00:00Z");
        deadLetter(eventId, "ReviewAdded", review, reviewPayload);
        deadLetter(eventId, "ReviewAdded", review, reviewPayload); // parked twice: replayed twice, applied once

        assertEquals(3, deadOf(product).size() + deadOf(review).size());
        long size = given().get("/api/views/admin/dead-letters").then().statusCode(200).extract().jsonPath()
                .getLong("size");
        given().post("/api/views/admin/dead-letters/replay").then().statusCode(200).body("replayed",
                equalTo((int) size));

        String card = "/api/views/products/" + product;
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(card).statusCode() == 200
                && given().get(card).<Integer>path("rating.count") == 1);
        assertEquals(List.of(), deadOf(product));
        assertEquals(List.of(), deadOf(review));
        UUID marker = UUID.randomUUID();
        new CatalogStream(redis, key).publish("ProductCreated", marker, 0,
                CatalogStream.product(marker, UUID.randomUUID(), "acme", 1, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/views/products/" + marker)
                .statusCode() == 200);
        given().get(card).then().body("rating.count", equalTo(1)).body("recentReviews[0].id",
                startsWith(review.toString()));
    }

    @Test
    void shouldRefuseReplayWithoutAdminScope() {
        String replay = "/api/views/admin/dead-letters/replay";
        given().noFilters().post(replay).then().statusCode(401).contentType("application/problem+json");
        given().noFilters().header(CallerSignature.HEADER, SIGNER.sign("POST", replay, "writer", "read,write"))
                .post(replay).then().statusCode(403).body("detail", equalTo("The caller lacks scope 'admin'."));
    }

    /** Writes an entry to the dead-letter stream as DeadLetters parks one. */
    private void deadLetter(UUID eventId, String type, UUID aggregateId, Map<String, Object> payload)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(key + ":dead", "*", "reason", "failed 5 times", "sourceId",
                "0-1", "field:eventId", eventId.toString(), "field:type", type, "field:aggregateType", "x",
                "field:aggregateId", aggregateId.toString(), "field:version", "0", "field:occurredAt",
                Instant.now().toString(), "field:payload", JSON.writeValueAsString(payload)));
        redis.execute("XADD", args.toArray(String[]::new));
    }

    private List<Map<String, String>> deadOf(UUID aggregateId) {
        return new CatalogStream(redis, key).deadLettersOf(aggregateId.toString());
    }
}
