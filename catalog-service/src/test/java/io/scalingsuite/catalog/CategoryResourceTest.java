package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CategoryResourceTest {

    private static final String CATEGORIES = "/api/catalog/categories";

    @Test
    void shouldCreateChildCategory() {
        String parent = Fixtures.category();
        String slug = Fixtures.unique("desks").toLowerCase();

        Response created = given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Desks", "parentId", parent))
                .post(CATEGORIES).then().statusCode(201).extract().response();

        String id = created.path("id");
        created.then().header("Location", endsWith(CATEGORIES + "/" + id));
        given().get(CATEGORIES + "/" + id).then()
                .statusCode(200)
                .body("slug", equalTo(slug))
                .body("name", equalTo("Desks"))
                .body("parentId", equalTo(parent));
    }

    @Test
    void shouldRefuseDuplicateSlug() {
        String slug = Fixtures.unique("lamps").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Lamps")).post(CATEGORIES)
                .then().statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Lamps")).post(CATEGORIES).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("A category with slug '" + slug + "' already exists."));
    }

    @Test
    void shouldRefuseUnknownParent() {
        given().contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("x"), "name", "X", "parentId",
                        "0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10"))
                .post(CATEGORIES).then()
                .statusCode(422)
                .body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void shouldRejectInvalidSlug() {
        given().contentType(ContentType.JSON).body(Map.of("slug", "Not A Slug", "name", "")).post(CATEGORIES).then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("name", "slug")));
    }

    @Test
    void shouldPageThroughCategoriesWithoutRepeats() {
        for (int i = 0; i < 5; i++) {
            Fixtures.category();
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(CATEGORIES).then().statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2)).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(seen.size() >= 5, "saw at least the five categories made here");
        assertThat(new HashSet<>(seen).size() == seen.size(), "no category twice");
        assertThat(seen.equals(seen.stream().sorted().toList()), "creation (UUIDv7) order");
    }

    @Test
    void shouldEndWithNullCursor() {
        String cursor = null;
        for (int page = 0; page < 1_000; page++) {
            RequestSpecification request = given().queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            cursor = request.get(CATEGORIES).then().statusCode(200).body("items", notNullValue())
                    .extract().path("nextCursor");
            if (cursor == null) {
                return;
            }
        }
        org.junit.jupiter.api.Assertions.fail("no last page after 1,000 pages");
    }

    @Test
    void shouldRejectBadCursorAndLimit() {
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get(CATEGORIES).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("limit", 0).get(CATEGORIES).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "ten").get(CATEGORIES).then()
                .statusCode(400)
                .body("errors", hasSize(1));
        given().queryParam("limit", 100_000).get(CATEGORIES).then()
                .statusCode(400)
                .body("errors[0].message", equalTo("must be from 1 to 100"));
    }

    private static void assertThat(boolean condition, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(condition, what);
    }
}
