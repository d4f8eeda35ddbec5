package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code PATCH /categories/{id}}: a JSON merge patch of slug, name and parentId, guarded by If-Match. */
@QuarkusTest
class CategoryPatchTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldRenameAndAnswerTheNewVersionWithItsHeaders() {
        String id = Categories.create("Desks", null);

        Categories.patch(id, "\"0\"", "{\"name\": \"Writing desks\"}").then().statusCode(200)
                .header("ETag", "\"1\"").header("Cache-Control", "no-store")
                .header("Cache-Tag", "category:" + id + ",categories")
                .body("id", equalTo(id)).body("name", equalTo("Writing desks")).body("version", equalTo(1));
    }

    @Test
    void shouldServeTheNewNameToTheNextRead() {
        String id = Categories.create("Lamps", null);
        given().get(Categories.PATH + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("name", equalTo("Lamps"));

        Categories.patch(id, "\"0\"", "{\"name\": \"Floor lamps\"}").then().statusCode(200);

        given().get(Categories.PATH + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .header("Cache-Control", startsWith("public")).header("Cache-Tag", "category:" + id)
                .body("name", equalTo("Floor lamps"));
    }

    @Test
    void shouldMoveUnderAnotherParent() {
        String from = Categories.create("From", null);
        String to = Categories.create("To", null);
        String moved = Categories.create("Moved", from);

        Categories.patch(moved, "\"0\"", "{\"parentId\": \"" + to + "\"}").then().statusCode(200)
                .body("parentId", equalTo(to)).body("name", equalTo("Moved"));
    }

    @Test
    void shouldMoveToTheRootWithANullParent() {
        String child = Categories.create("Child", Categories.create("Parent", null));

        Categories.patch(child, "\"0\"", "{\"parentId\": null}").then().statusCode(200)
                .body("parentId", nullValue());
    }

    @Test
    void shouldRequireIfMatch() {
        String id = Categories.create("Rugs", null);

        Categories.patch(id, null, "{\"name\": \"Carpets\"}").then().statusCode(428).contentType(PROBLEM)
                .header("Cache-Control", "no-store")
                .body("type", equalTo("/problems/precondition-required")).body("status", equalTo(428));
        given().get(Categories.PATH + "/" + id).then().body("name", equalTo("Rugs"));
    }

    @Test
    void shouldRefuseAStaleETag() {
        String id = Categories.create("Beds", null);
        Categories.patch(id, "\"0\"", "{\"name\": \"Box beds\"}").then().statusCode(200);

        Categories.patch(id, "\"0\"", "{\"name\": \"Bunk beds\"}").then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("/problems/precondition-failed"))
                .body("detail", startsWith("The category has changed (its ETag is now \"1\")"));
        given().get(Categories.PATH + "/" + id).then().body("name", equalTo("Box beds"));
    }

    @Test
    void shouldRefuseAMoveUnderItsOwnDescendant() {
        String top = Categories.create("Top", null);
        String middle = Categories.create("Middle", top);
        String bottom = Categories.create("Bottom", middle);

        Categories.patch(top, "\"0\"", "{\"parentId\": \"" + bottom + "\"}").then().statusCode(422)
                .contentType(PROBLEM).body("type", equalTo("/problems/unprocessable"))
                .body("errors[0].field", equalTo("parentId"))
                .body("errors[0].message", equalTo("A category cannot move under itself or one of its descendants."));
        given().get(Categories.PATH + "/" + top).then().body("parentId", nullValue()).body("version", equalTo(0));
    }

    @Test
    void shouldRefuseAMoveUnderItself() {
        String id = Categories.create("Self", null);

        Categories.patch(id, "\"0\"", "{\"parentId\": \"" + id + "\"}").then().statusCode(422)
                .body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void shouldRefuseAnUnknownParent() {
        String id = Categories.create("Orphan", null);

        Categories.patch(id, "\"0\"", "{\"parentId\": \"0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10\"}").then()
                .statusCode(422).body("detail", equalTo("Parent category 0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10 "
                        + "does not exist."));
    }

    @Test
    void shouldRefuseASlugAnotherCategoryHas() {
        String taken = given().get(Categories.PATH + "/" + Categories.create("Taken", null)).path("slug");
        String id = Categories.create("Other", null);

        Categories.patch(id, "\"0\"", "{\"slug\": \"" + taken + "\"}").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", equalTo("A category with slug '" + taken + "' already exists."));
    }

    @Test
    void shouldRefuseABlankNameWithTheField() {
        String id = Categories.create("Named", null);

        Categories.patch(id, "\"0\"", "{\"name\": \" \"}").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("/problems/validation-failed")).body("errors[0].field", equalTo("name"));
    }

    @Test
    void shouldRefuseAPatchThatIsNotAnObject() {
        String id = Categories.create("Array", null);

        Categories.patch(id, "\"0\"", "[1]").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("A merge patch must be a JSON object."));
    }

    @Test
    void shouldAnswer404ForAnUnknownCategory() {
        Categories.patch("0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10", "\"0\"", "{\"name\": \"X\"}").then()
                .statusCode(404).contentType(PROBLEM).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void shouldKeepTheVersionWhenAPatchChangesNothing() {
        String id = Categories.create("Same", null);
        Categories.patch(id, "\"0\"", "{\"name\": \"Same again\"}").then().statusCode(200).header("ETag", "\"1\"");

        Categories.patch(id, "\"1\"", "{\"name\": \"Same again\"}").then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1));
    }
}
