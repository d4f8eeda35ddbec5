package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code POST /categories} with an Idempotency-Key: the same semantics as a product create. */
@QuarkusTest
class CategoryIdempotencyTest {

    private static final String CATEGORIES = "/api/catalog/categories";

    private static Response post(String key, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(CATEGORIES)
                .then().extract().response();
    }

    private static Map<String, Object> category() {
        return Map.of("slug", Fixtures.unique("chairs").toLowerCase(), "name", "Chairs");
    }

    @Test
    void shouldReplayTheFirstAnswerForARetryWithTheSameKeyAndBody() {
        Map<String, Object> body = category();
        String key = UUID.randomUUID().toString();

        Response first = post(key, body);
        Response retry = post(key, body);

        first.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        retry.then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", first.header("Location")).body("id", equalTo(first.path("id")))
                .body("slug", equalTo(body.get("slug"))).body("createdAt", equalTo(first.path("createdAt")));
        given().get(first.header("Location")).then().statusCode(200).body("name", equalTo("Chairs"));
    }

    @Test
    void shouldRefuseTheSameKeyWithADifferentBody() {
        String key = UUID.randomUUID().toString();
        post(key, category()).then().statusCode(201);
        Map<String, Object> other = category();

        post(key, other).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/unprocessable")).body("errors[0].field", equalTo("Idempotency-Key"));
        given().contentType(ContentType.JSON).body(other).post(CATEGORIES).then().statusCode(201); // slug still free
    }

    @Test
    void shouldCreateOnceWhenDuplicatesArriveTogether() throws Exception {
        Map<String, Object> body = category();
        String key = UUID.randomUUID().toString();
        SimultaneousCreates.Outcome outcome = SimultaneousCreates.send(8, () -> post(key, body));
        assertEquals(1, outcome.ids().size(), "one category for every duplicate: " + outcome.ids());
        assertEquals(7, outcome.replayed(), "all but the first replayed");
    }
}
