package io.scalingsuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code DELETE /categories/{id}}: only an empty category goes; If-Match, when sent, must name its version. */
@QuarkusTest
class CategoryDeleteTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldDeleteAnEmptyCategory() {
        String id = Categories.create("Empty", null);

        Categories.delete(id, "\"0\"").then().statusCode(204).header("Cache-Control", "no-store")
                .header("Cache-Tag", "category:" + id + ",categories");

        given().get(Categories.PATH + "/" + id).then().statusCode(404).contentType(PROBLEM)
                .header("Cache-Control", "no-store");
    }

    @Test
    void shouldRefuseWhileAProductUsesIt() {
        String id = Categories.create("Used", null);
        Fixtures.createProduct(id, Fixtures.unique("m"));

        Categories.delete(id, "\"0\"").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", equalTo("The category is still used by products; it can only be deleted empty."));
        given().get(Categories.PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldRefuseWhileAChildCategoryUsesIt() {
        String parent = Categories.create("Parent", null);
        Categories.create("Child", parent);

        Categories.delete(parent, null).then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("The category is still used by child categories; it can only be deleted "
                        + "empty."));
    }

    @Test
    void shouldRefuseAStaleETag() {
        String id = Categories.create("Renamed", null);
        Categories.patch(id, "\"0\"", "{\"name\": \"Renamed once\"}").then().statusCode(200);

        Categories.delete(id, "\"0\"").then().statusCode(412).contentType(PROBLEM)
                .body("detail", startsWith("The category has changed"));
        given().get(Categories.PATH + "/" + id).then().statusCode(200).body("name", equalTo("Renamed once"));
    }

    @Test
    void shouldAnswer404ForAnUnknownCategory() {
        Categories.delete("0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10", null).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAProductInADeletedCategory() {
        String id = Categories.create("Gone", null);
        Categories.delete(id, null).then().statusCode(204);

        given().contentType(ContentType.JSON).body(Fixtures.product(id, Fixtures.unique("m")))
                .post("/api/catalog/products").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("categoryId"))
                .body("detail", equalTo("Category " + id + " does not exist."));
    }
}
